#!/usr/bin/env bash
# Stop the Grid Engine daemons start.sh started: sge_execd, then sge_qmaster, each found by its
# pid file and signalled only if that pid is alive and has the daemon's name. Jobs, the
# configuration and the accounting file are kept; start.sh resumes from them.
set -euo pipefail

SPOOL=/var/spool/gridengine
[[ $(id -u) -eq 0 ]] || { echo "stop.sh: must run as root" >&2; exit 1; }

stop_one() {
    local name=$1 pidfile=$2 pid i
    if [[ ! -s $pidfile ]]; then echo "[muster-sge] $name: no pid file"; return 0; fi
    pid=$(<"$pidfile")
    if ! [[ $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null || [[ $(cat "/proc/$pid/comm" 2>/dev/null) != "$name" ]]; then
        echo "[muster-sge] $name: not running"; return 0
    fi
    kill -TERM "$pid"
    for (( i = 0; i < 150; i++ )); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "[muster-sge] $name (pid $pid) stopped"
}

for f in "$SPOOL"/execd/*/execd.pid; do
    [[ -e $f ]] && stop_one sge_execd "$f"
done
stop_one sge_qmaster "$SPOOL/qmaster/qmaster.pid"
