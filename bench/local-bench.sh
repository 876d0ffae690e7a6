#!/usr/bin/env bash
# The local pool's benchmark: 1000 trivial jobs through Muster end to end (JSON onto
# muster.submit, final events back from muster.events) on a 2-core pool, against the same
# commands through xargs -P2 (and GNU parallel -j2 if installed), message -> process start
# latency, and a CPU-bound run. Options go to the benchmark (see --help), for example:
#   bench/local-bench.sh --jobs 2000 --cores 4 --cpu-jobs 40
set -euo pipefail
cd "$(dirname "$0")/.."
# GNU parallel is the tool a user would pick instead of Muster: compare against it too
if ! command -v parallel > /dev/null; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get > /dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q parallel > /dev/null || echo "could not install GNU parallel" >&2
    else
        echo "GNU parallel is not installed (apt-get install parallel); it is left out of the comparison" >&2
    fi
fi
# the benchmark is no part of the jar: Maven compiles it with the tests into target/bench-classes
if [[ ! -f target/muster.jar || ! -d target/bench-classes \
        || -n "$(find src bench/src batch-jobs server-config pom.xml -newer target/muster.jar -print -quit)" ]]; then
    mvn -q -o package -DskipTests || mvn -q package -DskipTests
fi
exec java ${MUSTER_BENCH_JAVA_OPTS:-} -cp target/muster.jar:target/bench-classes io.muster.bench.BenchCommand "$@"
