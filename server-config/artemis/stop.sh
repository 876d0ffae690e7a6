#!/usr/bin/env bash
# Stops the brokers start.sh started (each by its own pid file); their instances and data stay.
set -uo pipefail
root=${MUSTER_ARTEMIS_ROOT:-/var/tmp/muster-artemis}
for name in standalone node1 node2; do
  dir=$root/$name
  [ -x "$dir/bin/artemis" ] || continue
  "$dir/bin/artemis" stop >/dev/null 2>&1 && echo "artemis $name stopped"
done
exit 0
