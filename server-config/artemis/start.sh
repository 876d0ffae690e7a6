#!/usr/bin/env bash
# Apache Artemis brokers for Muster's tests and for trying Muster beyond one machine, on loopback:
#   standalone   tcp://127.0.0.1:61626                      (broker.xml)
#   node1/node2  tcp://127.0.0.1:61627, tcp://127.0.0.1:61628 (cluster-node.xml: a 2-node cluster
#                with static connectors and message redistribution)
# The broker distribution comes from Maven Central (org.apache.activemq:apache-artemis:tar.gz:bin)
# and is unpacked under $MUSTER_ARTEMIS_ROOT (default /var/tmp/muster-artemis), where each broker
# gets an instance directory. Idempotent: a broker that already answers is left as it is; the
# brokers run detached from this script (stop.sh stops them).
#
# Logins (instance.sh): user "muster" (role muster, Muster's own), password
# $MUSTER_ARTEMIS_PASSWORD (default muster-test); "observer" (role observe). Anonymous clients get
# role muster too: these brokers listen on loopback only and are for tests. A broker of your own
# should not let anonymous clients in (README, "Scaling out").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=2.40.0
root=${MUSTER_ARTEMIS_ROOT:-/var/tmp/muster-artemis}
home=$root/apache-artemis-$version

mkdir -p "$root"
if [ ! -x "$home/bin/artemis" ]; then
  mvn -q dependency:copy -Dartifact=org.apache.activemq:apache-artemis:$version:tar.gz:bin \
      -DoutputDirectory="$root" -Dmdep.overWriteIfNewer=true
  tar -xzf "$root/apache-artemis-$version-bin.tar.gz" -C "$root"
fi

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# instance NAME PORT CONFIG [PEER_PORT]: made by instance.sh, started detached unless it answers
instance() {
  local name=$1 port=$2 config=$3 peer=${4:-}
  local dir=$root/$name
  if answers "$port"; then
    echo "artemis $name already answers on 127.0.0.1:$port"
    return
  fi
  ARTEMIS_HOME=$home bash "$here/instance.sh" "$dir" "$port" "$config" $peer
  setsid nohup "$dir/bin/artemis" run >"$dir/log/console.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    if answers "$port"; then
      echo "artemis $name answers on 127.0.0.1:$port"
      return
    fi
    sleep 0.5
  done
  echo "artemis $name did not start; see $dir/log/console.log" >&2
  tail -20 "$dir/log/console.log" >&2
  exit 1
}

instance standalone 61626 broker.xml
instance node1 61627 cluster-node.xml 61628
instance node2 61628 cluster-node.xml 61627
