#!/usr/bin/env bash
# Throughput of Muster's Slurm backend against a bare sbatch loop, in one run on one cluster.
#
#   bench/slurm-bench.sh [N] [POLL_MS]
#
# N trivial jobs (`true`) go through a bare `sbatch --wrap` loop that then polls squeue every
# POLL_MS until none is pending or running; then N through Muster (JSON over JMS -> batch job ->
# sbatch, one squeue per POLL_MS for all jobs) until N final events arrived. Prints both
# throughputs and Muster's share of the bare loop's. Needs a running cluster
# (server-config/slurm/start.sh) and the jar (built if missing).
set -euo pipefail

N=${1:-100}
POLL_MS=${2:-2000}
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/muster.jar"

if ! scontrol ping >/dev/null 2>&1; then
    echo "slurm-bench: the Slurm controller does not answer (start it: bash server-config/slurm/start.sh)" >&2
    exit 2
fi
if [[ ! -f "$jar" || ! -d "$here/target/bench-classes" ]]; then
    (cd "$here" && mvn -q -DskipTests package)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

wait_idle() {
    # start each half on an idle node if others' jobs end within a minute; a busy node slows both
    for ((t = 0; t < 120; t++)); do
        [[ -z "$(squeue -h -t CF,R,CG -o %i)" ]] && return
        sleep 0.5
    done
    echo "slurm-bench: the node is still busy with other jobs; measuring anyway" >&2
}

poll_seconds=$(awk -v ms="$POLL_MS" 'BEGIN { printf "%.3f", ms / 1000 }')
now() { date +%s.%N; }

wait_idle
start=$(now)
for ((i = 0; i < N; i++)); do
    sbatch --parsable --job-name="bare$i" --output=/dev/null --wrap true
done > "$work/ids"
ids=$(paste -sd, "$work/ids")
while [[ -n "$(squeue -h -j "$ids" -t PD,CF,R,CG -o %i 2>/dev/null)" ]]; do sleep "$poll_seconds"; done
bare=$(awk -v s="$start" -v e="$(now)" 'BEGIN { printf "%.3f", e - s }')

wait_idle
java -cp "$jar:$here/target/bench-classes" io.muster.bench.SlurmBench "$N" "$POLL_MS" "$work/muster" | tee "$work/muster.out"
muster=$(sed -n 's/^muster_seconds=//p' "$work/muster.out")

awk -v n="$N" -v b="$bare" -v m="$muster" -v p="$POLL_MS" 'BEGIN {
    printf "jobs: %d, poll interval: %d ms (both)\n", n, p
    printf "bare sbatch loop: %8.2f s  %6.2f jobs/s\n", b, n / b
    printf "muster:           %8.2f s  %6.2f jobs/s\n", m, n / m
    printf "ratio muster/bare: %.2f (goal >= 0.90)\n", (n / m) / (n / b)
}'
