#!/usr/bin/env bash
# Cluster jobs in flight: N `sleep S` jobs sent to one Muster server whose backend is the real
# Slurm (or Torque), so that most of them wait PENDING at the scheduler. Prints the server's
# threads and RSS before, at the moment every job is handed over, at the peak and after the last
# end; the time until every job was handed over and how many the scheduler held at once; and the
# status commands the server ran per poll interval while the jobs were in flight, counted by
# wrappers around the scheduler's commands (a bin_dir of scripts that log each call).
#
#   bench/slurm-inflight.sh [N] [SLEEP] [BACKEND]     defaults: 1000 0.2 slurm
#
# BACKEND is slurm or torque (Torque's commands from $MUSTER_TORQUE_BIN_DIR, e.g. Slurm's PBS
# wrappers). MUSTER_QUEUE_POLL_INTERVAL (default 1s) and WINDOW (seconds over which the status
# calls are counted, default 20) may be set. Needs a running cluster
# (server-config/slurm/start.sh) and the jar (built if missing).
set -euo pipefail

N=${1:-1000}
SLEEP=${2:-0.2}
BACKEND=${3:-slurm}
WINDOW=${WINDOW:-20}
POLL=${MUSTER_QUEUE_POLL_INTERVAL:-1s}
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/muster.jar"

case "$BACKEND" in
    slurm)
        programs=(sbatch squeue sacct scancel scontrol)
        real_dir=""
        status=squeue
        ;;
    torque)
        programs=(qsub qstat qdel)
        real_dir=${MUSTER_TORQUE_BIN_DIR:?set MUSTER_TORQUE_BIN_DIR to the directory of qsub, qstat and qdel}
        status=qstat
        ;;
    *)
        echo "slurm-inflight: BACKEND must be slurm or torque, was '$BACKEND'" >&2
        exit 2
        ;;
esac
if ! scontrol ping > /dev/null 2>&1; then
    echo "slurm-inflight: the Slurm controller does not answer (start it: bash server-config/slurm/start.sh)" >&2
    exit 2
fi
if [[ ! -f "$jar" || -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit)" ]]; then
    (cd "$here" && { mvn -q -o -DskipTests package || mvn -q -DskipTests package; })
fi
case "$POLL" in
    *ms) poll_ms=${POLL%ms} ;;
    *s) poll_ms=$(awk -v s="${POLL%s}" 'BEGIN { printf "%d", s * 1000 }') ;;
    *) echo "slurm-inflight: MUSTER_QUEUE_POLL_INTERVAL must end in ms or s, was '$POLL'" >&2; exit 2 ;;
esac

work=$(mktemp -d)
server=""
cleanup() {
    if [[ -n "$server" ]] && kill -0 "$server" 2> /dev/null; then
        kill -TERM "$server"
        wait "$server" 2> /dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# the scheduler's commands, each logging its name to calls.log before it runs the real one
mkdir -p "$work/bin"
for p in "${programs[@]}"; do
    real=$([[ -n "$real_dir" ]] && echo "$real_dir/$p" || command -v "$p")
    printf '#!/bin/sh\necho %s >> %q\nexec %q "$@"\n' "$p" "$work/calls.log" "$real" > "$work/bin/$p"
    chmod +x "$work/bin/$p"
done

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
upper=$(echo "$BACKEND" | tr a-z A-Z)
env MUSTER_SLURM=off MUSTER_TORQUE=off MUSTER_SGE=off "MUSTER_${upper}=on" "MUSTER_${upper}_BIN_DIR=$work/bin" \
    MUSTER_QUEUE_POLL_INTERVAL="$POLL" \
    java -jar "$jar" server --data-dir "$work/data" --port "$port" --http-port 0 --local-cores 2 \
    > "$work/server.log" 2>&1 < /dev/null &
server=$!
for ((t = 0; t < 120; t++)); do
    (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null && break
    kill -0 "$server" 2> /dev/null || { cat "$work/server.log" >&2; exit 1; }
    sleep 0.5
done
sleep 2 # let the start settle before the first sample
: > "$work/calls.log"

echo "jobs: $N x 'sleep $SLEEP' on $BACKEND, poll interval $POLL, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$jar" "$here/bench/SlurmInFlight.java" "$port" "$server" "$work/calls.log" "$BACKEND" "$status" \
    "$N" "$SLEEP" "$poll_ms" "$WINDOW"
