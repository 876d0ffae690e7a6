#!/usr/bin/env bash
# Install (if needed), configure and start a single-node Grid Engine cell (Son of Grid
# Engine 8.1.9 from Debian 12's gridengine-master, -exec and -client) for Muster's integration
# tests, then prove it runs a job.
#
# Idempotent: daemons that are running (pid file, live process, right name) are left alone,
# the configuration is only changed where it differs, so a second run takes about a second.
# Daemons are detached (own session, stdin /dev/null, output to log files), so `start.sh | cat`
# returns as soon as the script ends. stop.sh stops them again.
#
# Installing gridengine-client removes slurm-wlm-torque (both ship /usr/bin/qsub, qstat, qdel);
# server-config/slurm/start.sh unpacks Slurm's PBS wrappers into a directory of their own.
#
# Environment (all optional):
#   MUSTER_SGE_STATE   logs and the smoke job's files (default /var/tmp/muster-sge)
#   MUSTER_SGE_PE      the parallel environment for cores (default smp)
#
# The commands are called in /usr/lib/gridengine directly: the /usr/bin wrappers run util/arch
# on every call (about 0.7 s each). Clients need SGE_ROOT=/var/lib/gridengine and
# SGE_CELL=default in their environment. Must run as root.
set -Eeuo pipefail

STATE_DIR=${MUSTER_SGE_STATE:-/var/tmp/muster-sge}
PE=${MUSTER_SGE_PE:-smp}
LOG_DIR=$STATE_DIR/log
export SGE_ROOT=/var/lib/gridengine SGE_CELL=default
BIN=/usr/lib/gridengine
COMMON=$SGE_ROOT/$SGE_CELL/common
SPOOL=/var/spool/gridengine
QMASTER_PID=$SPOOL/qmaster/qmaster.pid
HOST=$(hostname)
PACKAGES=(gridengine-master gridengine-exec gridengine-client)

T0=$EPOCHREALTIME
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }
log() { printf '[muster-sge %6.2fs] %s\n' "$(elapsed "$T0")" "$*"; }
fail() {
    local msg=$1; shift
    echo "[muster-sge] ERROR: $msg" >&2
    local f
    for f in "$@"; do
        if [[ -s $f ]]; then echo "----- last 30 lines of $f -----" >&2; tail -n 30 "$f" >&2; fi
    done
    exit 1
}
trap 'echo "[muster-sge] ERROR: command failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

[[ $(id -u) -eq 0 ]] || fail "must run as root"
mkdir -p "$LOG_DIR" "$STATE_DIR/smoke"

# ---------------------------------------------------------------- packages
pkg_installed() { [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]; }

install_packages() {
    local missing=() p
    for p in "${PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    log "installing ${missing[*]}"
    local t=$EPOCHREALTIME
    # Without these answers act_qmaster stays empty and no cell is made.
    local q
    for q in gridengine-common gridengine-client; do
        debconf-set-selections <<EOF
$q shared/gridenginemaster string $HOST
$q shared/gridengineconfig boolean true
$q shared/gridenginecell string default
EOF
    done
    # keep the maintainer scripts from starting daemons: this script starts its own
    local own_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
        own_policy=1
    fi
    local apt_log=$LOG_DIR/apt.log
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}" >"$apt_log" 2>&1; then
        apt-get update >>"$apt_log" 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}" >>"$apt_log" 2>&1 \
            || { [[ $own_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d; fail "apt-get install ${PACKAGES[*]} failed" "$apt_log"; }
    fi
    [[ $own_policy -eq 1 ]] && rm -f /usr/sbin/policy-rc.d
    [[ -s $COMMON/act_qmaster ]] || fail "the packages made no cell ($COMMON/act_qmaster is empty)" "$apt_log"
    log "packages installed in $(elapsed "$t")s"
}

# ----------------------------------------------------------- process helpers
# alive PIDFILE COMM: the pid in PIDFILE runs and is COMM (a reused pid does not count)
alive() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]]
}

# The execd spools under the name it resolves for itself (localhost here, the host elsewhere).
execd_pidfile() {
    local f
    for f in "$SPOOL/execd/$HOST/execd.pid" "$SPOOL"/execd/*/execd.pid; do
        [[ -s $f ]] && { echo "$f"; return 0; }
    done
    echo "$SPOOL/execd/$HOST/execd.pid"
}

# start NAME BINARY: the daemon forks into the background itself; start it in a session of its
# own with no inherited descriptors, in a subshell so that its first process is reaped here.
start_daemon() {
    local name=$1 binary=$2
    (
        for fd in /proc/$BASHPID/fd/*; do
            fd=${fd##*/}
            if [[ $fd -gt 2 ]]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        cd /
        exec setsid "$binary" </dev/null >>"$LOG_DIR/$name.out" 2>&1
    )
}

# wait_for SECONDS CMD...: poll CMD until it succeeds
wait_for() {
    local deadline=$(( SECONDS + $1 )); shift
    until "$@" >/dev/null 2>&1; do
        (( SECONDS < deadline )) || return 1
        sleep 0.2
    done
}

# ------------------------------------------------------------------ config
# apply WHAT SHOW MODIFY NAME SED: change the configuration SHOW prints with SED and load it
# with MODIFY, only if that changes anything. The file must carry the object's name (qconf
# -Mconf wants a file named after the configuration, "global").
apply() {
    local what=$1 show=$2 modify=$3 name=$4 script=$5 dir
    dir=$(mktemp -d)
    # shellcheck disable=SC2086 # "-sq all.q" is two words
    $BIN/qconf $show >"$dir/current" 2>/dev/null || true
    sed -E "$script" "$dir/current" >"$dir/$name"
    if ! cmp -s "$dir/current" "$dir/$name"; then
        $BIN/qconf "$modify" "$dir/$name" >>"$LOG_DIR/qconf.log" 2>&1 || fail "qconf $modify ($what) failed" "$LOG_DIR/qconf.log"
        log "$what changed"
    fi
    rm -rf "$dir"
}

configure_master() {
    # global: root may submit (min_uid/min_gid 1000 by default), load reports every 5 s, the
    # accounting file is written within a second of a job's end instead of 15 s (qacct's lag),
    # and bash is not started as a login shell: a login shell runs the user's profile, and a
    # profile that hangs (a lock left behind by a cancelled job's profile, say) holds every
    # job of the cell until it gives up
    apply "global configuration (min_uid 0)" -sconf -Mconf global \
        's/^(min_uid|min_gid)( +).*/\1\20/; s/^load_report_time( +).*/load_report_time\100:00:05/; s/ flush_time=([0-9:]+) joblog/ flush_time=\1 accounting_flush_time=00:00:01 joblog/; s/^login_shells( +).*/login_shells\1sh,ksh,csh,tcsh/'
    # the scheduler runs every second instead of every 15 s, and at once after a submit or an end
    apply "scheduler configuration (schedule_interval 1s)" -ssconf -Msconf sched \
        's/^schedule_interval( +).*/schedule_interval\10:0:1/; s/^flush_submit_sec( +).*/flush_submit_sec\11/; s/^flush_finish_sec( +).*/flush_finish_sec\11/'
    $BIN/qconf -ss 2>/dev/null | grep -qx "$HOST" || $BIN/qconf -as "$HOST" >>"$LOG_DIR/qconf.log" 2>&1
}

configure_queue() {
    local dir; dir=$(mktemp -d)
    if ! $BIN/qconf -shgrp @allhosts >/dev/null 2>&1; then
        printf 'group_name @allhosts\nhostlist %s\n' "$HOST" >"$dir/allhosts"
        $BIN/qconf -Ahgrp "$dir/allhosts" >>"$LOG_DIR/qconf.log" 2>&1 || fail "qconf -Ahgrp failed" "$LOG_DIR/qconf.log"
    fi
    if ! $BIN/qconf -sp "$PE" >/dev/null 2>&1; then
        cat >"$dir/$PE" <<EOF
pe_name            $PE
slots              999
user_lists         NONE
xuser_lists        NONE
start_proc_args    NONE
stop_proc_args     NONE
allocation_rule    \$pe_slots
control_slaves     FALSE
job_is_first_task  TRUE
urgency_slots      min
accounting_summary FALSE
qsort_args         NONE
EOF
        $BIN/qconf -Ap "$dir/$PE" >>"$LOG_DIR/qconf.log" 2>&1 || fail "qconf -Ap $PE failed" "$LOG_DIR/qconf.log"
        log "parallel environment $PE added"
    fi
    # all.q: every core of this host, bash, never in alarm because of load, with the PE
    local settings="s/^qname( +).*/qname\1all.q/; s/^hostlist( +).*/hostlist\1@allhosts/; s/^load_thresholds( +).*/load_thresholds\1NONE/; s/^slots( +).*/slots\1$(nproc)/; s|^shell( +).*|shell\1/bin/bash|; s/^pe_list( +).*/pe_list\1$PE/"
    if $BIN/qconf -sq all.q >/dev/null 2>&1; then
        apply "queue all.q" "-sq all.q" -Mq all.q "$settings"
    else
        $BIN/qconf -sq | sed -E "$settings" >"$dir/all.q"
        $BIN/qconf -Aq "$dir/all.q" >>"$LOG_DIR/qconf.log" 2>&1 || fail "qconf -Aq all.q failed" "$LOG_DIR/qconf.log"
        log "queue all.q added"
    fi
    rm -rf "$dir"
}

# all.q@HOST is listed without the states au (alarm, unknown), u, E or d
queue_ready() {
    local line
    line=$($BIN/qstat -f -q "all.q@$HOST" 2>/dev/null | grep "^all.q@") || return 1
    [[ $(awk '{ print $6 }' <<<"$line") == "" ]]
}

# ------------------------------------------------------------------- main
install_packages
T_DAEMONS=$EPOCHREALTIME
# 127.0.0.1 reverse-resolves to localhost: without the alias every client is refused
if [[ $(cat "$COMMON/host_aliases" 2>/dev/null) != "$HOST localhost" ]]; then
    echo "$HOST localhost" >"$COMMON/host_aliases"
fi
if ! alive "$QMASTER_PID" sge_qmaster; then
    log "starting sge_qmaster"
    start_daemon qmaster "$BIN/sge_qmaster"
fi
wait_for 60 "$BIN/qconf" -sh || fail "sge_qmaster does not answer qconf -sh" "$SPOOL/qmaster/messages" "$LOG_DIR/qmaster.out"
configure_master
if ! alive "$(execd_pidfile)" sge_execd; then
    log "starting sge_execd"
    start_daemon execd "$BIN/sge_execd"
fi
wait_for 60 bash -c "$BIN/qconf -sel | grep -qx '$HOST'" \
    || fail "sge_execd did not register $HOST" "$LOG_DIR/execd.out" "$SPOOL/qmaster/messages"
configure_queue
wait_for 60 queue_ready || fail "all.q@$HOST is not ready: $($BIN/qstat -f 2>&1 | tail -n 3)" "$SPOOL/qmaster/messages"
DAEMON_SECS=$(elapsed "$T_DAEMONS")

# smoke test: a job runs, leaves qstat and reaches accounting
t=$EPOCHREALTIME
out=$STATE_DIR/smoke
rm -f "$out/smoke.out" "$out/smoke.err"
id=$($BIN/qsub -terse -b y -o "$out/smoke.out" -e "$out/smoke.err" -N muster-smoke echo hi) || fail "qsub of the smoke job failed"
deadline=$(( SECONDS + 60 ))
until $BIN/qacct -j "$id" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || fail "smoke job $id not in accounting after 60 s: $($BIN/qstat -j "$id" 2>&1 | tail -n 3)" "$SPOOL/qmaster/messages"
    sleep 0.2
done
[[ $(<"$out/smoke.out") == hi ]] || fail "smoke job $id printed '$(<"$out/smoke.out")' instead of hi"
SMOKE_SECS=$(elapsed "$t")

cat <<EOF
[muster-sge] Grid Engine cell '$SGE_CELL' is UP ($($BIN/qstat -help 2>/dev/null | head -n 1))
  host:        $HOST  queue all.q, $(nproc) slots, parallel environment $PE
  smoke job:   $id ran and reached qacct in ${SMOKE_SECS}s
  commands:    $BIN (sge.bin_dir); SGE_ROOT=$SGE_ROOT SGE_CELL=$SGE_CELL
  timing:      daemons ${DAEMON_SECS}s, total $(elapsed "$T0")s
  stop with:   $(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/stop.sh
EOF
