#!/usr/bin/env bash
# Stop the daemons that start.sh started -- and only those: each one is found
# through its pid file in $STATE_DIR/run and is only signalled if that pid is
# alive and still has the expected process name. A munged/MariaDB/Slurm that
# start.sh merely reused (no pid file) is left running.
#
#   stop.sh                 stop everything (slurmd, slurmctld, slurmdbd,
#                           mariadbd, munged -- in that order)
#   stop.sh NAME...         stop only these (start.sh uses this to restart a
#                           daemon whose config changed)
#
# State (job state, accounting DB, logs) is kept; start.sh resumes from it.
# Jobs still running keep running in their slurmstepd and are picked up again
# by the next start.sh.
#
# Environment: MUSTER_SLURM_STATE (default /var/tmp/muster-slurm), must match
# the value start.sh used.
set -euo pipefail

STATE_DIR=${MUSTER_SLURM_STATE:-/var/tmp/muster-slurm}
RUN_DIR=$STATE_DIR/run

ALL=(slurmd slurmctld slurmdbd mariadbd munged)
if [[ $# -gt 0 ]]; then targets=("$@"); else targets=("${ALL[@]}"); fi

# stop_one NAME: TERM, wait up to 30 s (mariadbd flushes InnoDB, slurmctld
# saves state), then KILL.
stop_one() {
    local name=$1 pidfile=$RUN_DIR/$1.pid pid comm
    if [[ ! -s $pidfile ]]; then
        echo "[muster-slurm] $name: not started by start.sh (no pid file)"
        return 0
    fi
    pid=$(<"$pidfile")
    comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
    if ! [[ $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null || [[ $comm != "$name" ]]; then
        echo "[muster-slurm] $name: not running (stale pid file removed)"
        rm -f "$pidfile"
        return 0
    fi
    kill -TERM "$pid"
    local i
    for (( i = 0; i < 150; i++ )); do
        # Gone, or a zombie nobody reaps yet: either way it has stopped.
        if ! kill -0 "$pid" 2>/dev/null || [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) == Z ]]; then
            break
        fi
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null && [[ $(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) != Z ]]; then
        echo "[muster-slurm] $name (pid $pid) ignored SIGTERM for 30 s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
    echo "[muster-slurm] $name (pid $pid) stopped"
}

[[ $(id -u) -eq 0 ]] || { echo "stop.sh: must run as root" >&2; exit 1; }
for name in "${targets[@]}"; do
    case " ${ALL[*]} " in
        *" $name "*) stop_one "$name" ;;
        *) echo "stop.sh: unknown daemon '$name' (known: ${ALL[*]})" >&2; exit 2 ;;
    esac
done
