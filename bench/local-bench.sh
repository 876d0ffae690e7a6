#!/usr/bin/env bash
# The local pool's benchmark: 1000 trivial jobs through Muster end to end (JSON onto
# muster.submit, final events back from muster.events) on a 2-core pool, against the same
# commands through xargs -P2 (and GNU parallel -j2 if installed), message -> process start
# latency, and a CPU-bound run. Options go to `muster bench` (see --help), for example:
#   bench/local-bench.sh --jobs 2000 --cores 4 --cpu-jobs 40
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/muster.jar || -n "$(find src batch-jobs server-config pom.xml -newer target/muster.jar -print -quit)" ]]; then
    mvn -q -o package -DskipTests || mvn -q package -DskipTests
fi
exec java ${MUSTER_BENCH_JAVA_OPTS:-} -jar target/muster.jar bench "$@"
