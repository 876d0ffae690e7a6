#!/usr/bin/env bash
# Install (if needed), configure and start a single-node Slurm cluster with
# accounting for Muster's integration tests, then prove it runs jobs.
#
#   start.sh            install/configure/start, run a smoke job, print summary
#   start.sh --check    additionally verify the behaviour the tests rely on:
#                       invalid partition rejected at submit time, afterok
#                       dependant of a failed job cancelled (not pending)
#
# Idempotent: daemons that are already running (pid file + kill -0 + process
# name) are left alone, so a second run only re-checks and takes ~1-2 s.
# The test jobs only run when the node is idle (other people's jobs would
# make them queue); otherwise the summary says they were skipped.
# Configuration is re-rendered on every run; a daemon whose config changed is
# restarted. stop.sh stops exactly the daemons started here.
#
# Environment (all optional):
#   MUSTER_SLURM_STATE      state dir (default /var/tmp/muster-slurm)
#   MUSTER_SLURM_CLUSTER    cluster name (default muster)
#   MUSTER_SLURM_PARTITION  partition name (default debug)
#   MUSTER_SLURM_DB_PORT    private MariaDB TCP port on 127.0.0.1 (default 3307)
#   MUSTER_SLURM_USERS      extra unix users to add to the accounting
#                           account (root is always added)
#   MUSTER_SLURM_ENFORCE    AccountingStorageEnforce value, e.g.
#                           "associations,limits" (default: none, so any
#                           unix user may submit)
#   MUSTER_SLURM_PBS_DIR    where Slurm's PBS wrappers (qsub, qstat, qdel of
#                           slurm-wlm-torque) are unpacked (default
#                           $STATE_DIR/pbs); the Torque tests use its usr/bin
#                           as torque.bin_dir. The package itself is never
#                           installed: it conflicts with gridengine-client.
#
# Must run as root (it installs packages and starts daemons).

# Many variables below are only read indirectly, by render() via ${!key}.
# shellcheck disable=SC2034
set -Eeuo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

STATE_DIR=${MUSTER_SLURM_STATE:-/var/tmp/muster-slurm}
CLUSTER=${MUSTER_SLURM_CLUSTER:-muster}
PARTITION=${MUSTER_SLURM_PARTITION:-debug}
DB_PORT=${MUSTER_SLURM_DB_PORT:-3307}
EXTRA_USERS=${MUSTER_SLURM_USERS:-}
ENFORCE=${MUSTER_SLURM_ENFORCE:-}
PBS_DIR=${MUSTER_SLURM_PBS_DIR:-$STATE_DIR/pbs}
ACCOUNT=muster
DB_USER=slurm
SLURMCTLD_PORT=6817
SLURMD_PORT=6818
SLURMDBD_PORT=6819
DEF_MEM_PER_CPU=1024
MIN_JOB_AGE=300

# Slurm's client commands (sbatch, squeue, qsub, ... run by the tests and by
# the Java service) read the default config location, so the cluster config
# goes there rather than below the state dir.
SLURM_ETC=/etc/slurm
MUNGE_KEY=/etc/munge/munge.key

RUN_DIR=$STATE_DIR/run
LOG_DIR=$STATE_DIR/log
MYCNF=$STATE_DIR/etc/my.cnf

CHECK=0
for arg in "$@"; do
    case $arg in
        --check) CHECK=1 ;;
        -h|--help) sed -n '2,/^$/p' "$0"; exit 0 ;;
        *) echo "start.sh: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

T0=$EPOCHREALTIME
log() { printf '[muster-slurm %6.2fs] %s\n' "$(elapsed "$T0")" "$*"; }
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }

# fail MESSAGE [LOGFILE...]: print the message and the tail of each log, exit 1.
fail() {
    local msg=$1; shift
    echo "[muster-slurm] ERROR: $msg" >&2
    local f
    for f in "$@"; do
        if [[ -s $f ]]; then
            echo "----- last 30 lines of $f -----" >&2
            tail -n 30 "$f" >&2
        fi
    done
    echo "[muster-slurm] start FAILED (state dir: $STATE_DIR)" >&2
    exit 1
}

# set -e exits silently; say where it happened.
trap 'echo "[muster-slurm] ERROR: command failed (exit $?) at line $LINENO: $BASH_COMMAND" >&2' ERR

[[ $(id -u) -eq 0 ]] || fail "must run as root"

# ---------------------------------------------------------------- packages
# libslurm-perl, libslurmdb-perl and libswitch-perl are what Slurm's PBS
# wrappers (unpacked below, not installed) need to run.
REQUIRED_PKGS=(slurmctld slurmd slurm-client slurmdbd munge mariadb-server mariadb-client
               libslurm-perl libslurmdb-perl libswitch-perl)
OPTIONAL_PKGS=()

pkg_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

install_packages() {
    local missing=() p
    for p in "${REQUIRED_PKGS[@]}" ${OPTIONAL_PKGS[@]+"${OPTIONAL_PKGS[@]}"}; do
        pkg_installed "$p" || missing+=("$p")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0

    log "installing packages: ${missing[*]}"
    local t=$EPOCHREALTIME
    # Keep package maintainer scripts from starting system-wide services
    # (they would grab the ports and the default munge socket); we start our
    # own instances. Only add the policy if there is none already.
    local own_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        own_policy=1
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    fi
    export DEBIAN_FRONTEND=noninteractive
    local apt_log=$LOG_DIR/apt.log
    apt-get update >"$apt_log" 2>&1 || fail "apt-get update failed" "$apt_log"
    local required_missing=() optional_missing=()
    for p in "${missing[@]}"; do
        if [[ " ${OPTIONAL_PKGS[*]-} " == *" $p "* ]]; then optional_missing+=("$p")
        else required_missing+=("$p"); fi
    done
    if [[ ${#required_missing[@]} -gt 0 ]]; then
        apt-get install -y --no-install-recommends "${required_missing[@]}" >>"$apt_log" 2>&1 \
            || fail "apt-get install ${required_missing[*]} failed" "$apt_log"
    fi
    if [[ ${#optional_missing[@]} -gt 0 ]]; then
        apt-get install -y --no-install-recommends "${optional_missing[@]}" >>"$apt_log" 2>&1 \
            || log "WARNING: optional packages ${optional_missing[*]} failed to install (see $apt_log); continuing without them"
    fi
    if [[ $own_policy -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; trap - EXIT; fi
    log "packages installed in $(elapsed "$t")s"
}

# PBS-compatible qsub/qstat/qdel wrappers (slurm-wlm-torque) for the Torque
# tests, unpacked into a directory of their own rather than installed: the
# package conflicts with gridengine-client (both ship /usr/bin/qsub, qstat,
# qdel), and both test layers run on one machine. Optional: a failure here
# only warns, so it never blocks the Slurm tests.
unpack_pbs_wrappers() {
    local bin=$PBS_DIR/usr/bin
    if [[ ! -x $bin/qsub ]]; then
        log "unpacking slurm-wlm-torque into $PBS_DIR"
        local tmp; tmp=$(mktemp -d)
        if ! (cd "$tmp" && apt-get download slurm-wlm-torque >"$LOG_DIR/pbs-download.log" 2>&1); then
            apt-get update >>"$LOG_DIR/pbs-download.log" 2>&1 || true
            (cd "$tmp" && apt-get download slurm-wlm-torque >>"$LOG_DIR/pbs-download.log" 2>&1) || {
                log "WARNING: apt-get download slurm-wlm-torque failed (see $LOG_DIR/pbs-download.log); no PBS wrappers"
                rm -rf "$tmp"; PBS=absent; return 0; }
        fi
        rm -rf "$PBS_DIR"; mkdir -p "$PBS_DIR"
        dpkg-deb -x "$tmp"/slurm-wlm-torque_*.deb "$PBS_DIR"
        rm -rf "$tmp"
    fi
    # qsub runs ${FindBin::Bin}/sbatch (salloc, srun): Slurm's commands must
    # sit beside the wrappers.
    local p
    for p in sbatch salloc srun; do ln -sfn "/usr/bin/$p" "$bin/$p"; done
    PBS="$bin"
}

# ------------------------------------------------------------ process helpers
# is_running NAME COMM: the pid in $RUN_DIR/NAME.pid is alive (not a zombie)
# and really is COMM -- a stale pid file whose pid got reused does not count.
is_running() {
    local pidfile=$RUN_DIR/$1.pid pid state
    [[ -s $pidfile ]] || return 1
    pid=$(<"$pidfile")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$2" ]] || return 1
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ $state != Z ]]
}

# spawn NAME CMD...: start CMD (which must stay in the foreground) fully
# detached: new session, stdin from /dev/null, stdout/stderr to a log file and
# every other inherited fd closed. Otherwise a CI step like `start.sh | cat`
# would wait forever for the daemon to close the pipe.
spawn() {
    local name=$1; shift
    (
        local fd
        for fd in "/proc/$BASHPID/fd/"*; do
            fd=${fd##*/}
            if [[ $fd -gt 2 ]]; then eval "exec $fd>&-" 2>/dev/null || true; fi
        done
        # Not a process group leader here, so setsid execs without forking
        # and $! below is the daemon's own pid.
        exec setsid "$@" </dev/null >>"$LOG_DIR/$name.out" 2>&1
    ) &
    SPAWNED[$name]=$!
    echo $! >"$RUN_DIR/$name.pid"
}
declare -A SPAWNED=()

# pid_alive NAME: the daemon NAME that this run spawned (or, if it did not,
# the one in $RUN_DIR/NAME.pid) exists and is not a zombie. Unlike is_running
# it does not look at the process name: right after spawn the pid may still
# be the bash subshell or setsid on its way to exec'ing the daemon (a busy
# machine showed that window; the daemon then started fine after start.sh had
# already declared it dead).
pid_alive() {
    local pid=${SPAWNED[$1]:-} state
    if [[ -z $pid && -s $RUN_DIR/$1.pid ]]; then pid=$(<"$RUN_DIR/$1.pid"); fi
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 1
    [[ -n $state && $state != Z ]]
}

# wait_for SECONDS NAME CMD...: poll CMD until it succeeds; give up early
# if the daemon NAME's process is gone.
wait_for() {
    local timeout=$1 name=$2; shift 2
    local deadline=$(( SECONDS + timeout ))
    until "$@" >/dev/null 2>&1; do
        if [[ -n $name ]] && ! pid_alive "$name"; then
            return 2
        fi
        (( SECONDS < deadline )) || return 1
        sleep 0.2
    done
}

# ---------------------------------------------------------------- config
# render TEMPLATE: print the template with @KEY@ placeholders filled in.
render() {
    local text
    text=$(<"$SCRIPT_DIR/$1")
    local key
    for key in STATE_DIR CLUSTER PARTITION DB_PORT DB_USER DB_PASS NODE_LINE \
               SLURMCTLD_PORT SLURMD_PORT SLURMDBD_PORT DEF_MEM_PER_CPU \
               MIN_JOB_AGE ACCOUNTING_ENFORCE_LINE; do
        text=${text//@$key@/${!key}}
    done
    if [[ $text =~ @[A-Z_]+@ ]]; then
        fail "unfilled placeholder ${BASH_REMATCH[0]} in $1"
    fi
    printf '%s\n' "$text"
}

# install_file DEST MODE CONTENT: write only if different; return 0 if the
# file changed (so the owning daemon must be restarted), 1 otherwise.
install_file() {
    local dest=$1 mode=$2 content=$3
    if [[ -f $dest ]] && [[ $(<"$dest") == "${content%$'\n'}" ]]; then
        chmod "$mode" "$dest"; chown root:root "$dest"
        return 1
    fi
    # Never silently clobber a config somebody else wrote.
    if [[ -f $dest ]] && ! grep -q 'GENERATED by server-config/slurm/start.sh' "$dest"; then
        cp -p "$dest" "$dest.before-muster"
        log "backed up foreign $dest to $dest.before-muster"
    fi
    local tmp
    tmp=$(mktemp "$dest.XXXXXX")
    printf '%s\n' "${content%$'\n'}" >"$tmp"
    chmod "$mode" "$tmp"; chown root:root "$tmp"
    mv -f "$tmp" "$dest"
    return 0
}

prepare_dirs_and_config() {
    mkdir -p "$STATE_DIR" "$RUN_DIR" "$RUN_DIR/daemon" "$LOG_DIR" "$STATE_DIR/etc" \
             "$STATE_DIR/slurmctld" "$STATE_DIR/slurmd" "$STATE_DIR/smoke" "$SLURM_ETC"
    # mariadbd runs as mysql and must traverse the state dir.
    chmod 755 "$STATE_DIR"
    chmod 700 "$STATE_DIR/etc"
    install -d -o mysql -g mysql -m 750 "$STATE_DIR/mysql/data" "$STATE_DIR/mysql/run"
    chmod 755 "$STATE_DIR/mysql"

    # DB password: random once, then reused (kept out of the repo).
    local passfile=$STATE_DIR/etc/db.pass
    if [[ ! -s $passfile ]]; then
        # (od reads a fixed amount: `tr </dev/urandom | head` would die of
        # SIGPIPE under pipefail.)
        (umask 077; od -An -tx1 -N16 /dev/urandom | tr -d ' \n' >"$passfile")
    fi
    DB_PASS=$(<"$passfile")

    # Node line straight from the hardware, RealMemory lowered by 5% (min
    # 256 MB): slurmd drains a node whose configured memory exceeds what it
    # detects, and the detected value can wobble slightly between boots.
    NODE_NAME=$(hostname -s)
    local hw mem
    hw=$(slurmd -C 2>/dev/null | head -n 1) || true
    [[ $hw == NodeName=* ]] || fail "slurmd -C did not print a node line: '$hw'"
    mem=$(sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
    [[ -n $mem ]] || fail "no RealMemory in slurmd -C output: '$hw'"
    local reserve=$(( mem / 20 )); (( reserve >= 256 )) || reserve=256
    REAL_MEMORY=$(( mem - reserve ))
    NODE_CPUS=$(sed -n 's/.*CPUs=\([0-9]*\).*/\1/p' <<<"$hw")
    # NodeAddr=127.0.0.1: works even if the hostname does not resolve.
    NODE_LINE="${hw/RealMemory=$mem/RealMemory=$REAL_MEMORY} NodeAddr=127.0.0.1 State=UNKNOWN"

    if [[ -n $ENFORCE ]]; then ACCOUNTING_ENFORCE_LINE="AccountingStorageEnforce=$ENFORCE"
    else ACCOUNTING_ENFORCE_LINE="#AccountingStorageEnforce=associations,limits"; fi

    # Render into variables first: a failing render inside an argument's
    # $(...) would not stop the script and would install an empty file.
    local mycnf dbdconf slurmconf
    mycnf=$(render my.cnf.in)
    dbdconf=$(render slurmdbd.conf.in)
    slurmconf=$(render slurm.conf.in)
    MYCNF_CHANGED=0 SLURMDBD_CONF_CHANGED=0 SLURM_CONF_CHANGED=0
    install_file "$MYCNF" 644 "$mycnf" && MYCNF_CHANGED=1
    # slurmdbd refuses a config readable by others (it holds the password).
    install_file "$SLURM_ETC/slurmdbd.conf" 600 "$dbdconf" && SLURMDBD_CONF_CHANGED=1
    install_file "$SLURM_ETC/slurm.conf" 644 "$slurmconf" && SLURM_CONF_CHANGED=1
    return 0
}

# Restart daemons whose config changed while they were running (first run:
# nothing is running, nothing to do).
restart_changed() {
    local stop=()
    if [[ $SLURM_CONF_CHANGED -eq 1 ]]; then
        is_running slurmd slurmd && stop+=(slurmd)
        is_running slurmctld slurmctld && stop+=(slurmctld)
    fi
    if [[ $SLURMDBD_CONF_CHANGED -eq 1 ]] && is_running slurmdbd slurmdbd; then stop+=(slurmdbd); fi
    if [[ $MYCNF_CHANGED -eq 1 ]] && is_running mariadbd mariadbd; then stop+=(mariadbd); fi
    if [[ ${#stop[@]} -gt 0 ]]; then
        log "config changed, restarting: ${stop[*]}"
        "$SCRIPT_DIR/stop.sh" "${stop[@]}"
    fi
}

# ------------------------------------------------------------------ munge
munge_works() { { munge -n </dev/null | unmunge; } >/dev/null 2>&1; }

start_munge() {
    if [[ ! -s $MUNGE_KEY ]]; then
        log "creating $MUNGE_KEY"
        install -d -o munge -g munge -m 700 "$(dirname "$MUNGE_KEY")"
        (umask 077; dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none)
    fi
    # munged insists on these owners/modes.
    chown munge:munge "$MUNGE_KEY"; chmod 400 "$MUNGE_KEY"
    if is_running munged munged; then return 0; fi
    # A munged we did not start (e.g. a system one) is fine to use; stop.sh
    # will then leave it alone because there is no pid file for it.
    if munge_works; then
        rm -f "$RUN_DIR/munged.pid"
        log "munged: using already running instance"
        return 0
    fi
    # /run/munge normally comes from systemd-tmpfiles; the socket lives
    # there so Slurm finds it without extra config.
    install -d -o munge -g munge -m 755 /run/munge
    install -d -o munge -g munge -m 700 /var/lib/munge /var/log/munge
    log "starting munged"
    # Run as the munge user (munged's intended mode); setpriv does not fork,
    # so the recorded pid is munged's.
    spawn munged setpriv --reuid=munge --regid=munge --init-groups munged --foreground
    wait_for 15 munged munge_works || fail "munged did not come up" "$LOG_DIR/munged.out"
}

# ---------------------------------------------------------------- mariadb
db() { mariadb --defaults-file="$MYCNF" --protocol=socket -uroot "$@"; }

start_mariadb() {
    if ! is_running mariadbd mariadbd; then
        if [[ ! -d $STATE_DIR/mysql/data/mysql ]]; then
            log "initialising MariaDB datadir"
            mariadb-install-db --defaults-file="$MYCNF" --user=mysql \
                --auth-root-authentication-method=socket --skip-test-db \
                >>"$LOG_DIR/mariadb-install.log" 2>&1 \
                || fail "mariadb-install-db failed" "$LOG_DIR/mariadb-install.log"
        fi
        log "starting mariadbd on 127.0.0.1:$DB_PORT"
        spawn mariadbd mariadbd --defaults-file="$MYCNF" --user=mysql
    fi
    wait_for 60 mariadbd mariadb-admin --defaults-file="$MYCNF" --protocol=socket -uroot ping \
        || fail "mariadbd did not come up" "$LOG_DIR/mariadbd.out"
    # Idempotent schema/user setup; ALTER USER re-syncs the password with
    # slurmdbd.conf in case the state dir's password file was replaced.
    local u sql="CREATE DATABASE IF NOT EXISTS slurm_acct_db;"
    for u in "'$DB_USER'@'localhost'" "'$DB_USER'@'127.0.0.1'"; do
        sql+="CREATE USER IF NOT EXISTS $u IDENTIFIED BY '$DB_PASS';"
        sql+="ALTER USER $u IDENTIFIED BY '$DB_PASS';"
        sql+="GRANT ALL PRIVILEGES ON slurm_acct_db.* TO $u;"
    done
    db -e "$sql" 2>>"$LOG_DIR/mariadbd.out" || fail "creating slurm_acct_db / DB user failed" "$LOG_DIR/mariadbd.out"
}

# --------------------------------------------------------------- slurmdbd
sacctmgr_ok() { sacctmgr -n -P list cluster format=cluster; }

start_slurmdbd() {
    if ! is_running slurmdbd slurmdbd; then
        log "starting slurmdbd"
        spawn slurmdbd slurmdbd -D
    fi
    # First start creates all tables, which takes a few seconds.
    wait_for 90 slurmdbd sacctmgr_ok \
        || fail "slurmdbd did not come up" "$LOG_DIR/slurmdbd.log" "$LOG_DIR/slurmdbd.out"

    # slurmctld must find its cluster in the DB; adding it also creates the
    # 'root' account with a root user association.
    if ! sacctmgr -n -P list cluster format=cluster | grep -qx "$CLUSTER"; then
        log "registering cluster '$CLUSTER' in accounting"
        sacctmgr -i add cluster "$CLUSTER" >/dev/null || fail "sacctmgr add cluster failed" "$LOG_DIR/slurmdbd.log"
    fi
    if ! sacctmgr -n -P list account "$ACCOUNT" format=account | grep -qx "$ACCOUNT"; then
        sacctmgr -i add account "$ACCOUNT" Cluster="$CLUSTER" \
            Description="Muster integration tests" Organization=muster >/dev/null \
            || fail "sacctmgr add account failed" "$LOG_DIR/slurmdbd.log"
    fi
    # Associations so jobs also work with MUSTER_SLURM_ENFORCE=associations.
    local user
    for user in root $EXTRA_USERS; do
        if ! sacctmgr -n -P list assoc cluster="$CLUSTER" account="$ACCOUNT" user="$user" format=user | grep -qx "$user"; then
            sacctmgr -i add user "$user" Account="$ACCOUNT" Cluster="$CLUSTER" >/dev/null \
                || fail "sacctmgr add user $user failed" "$LOG_DIR/slurmdbd.log"
        fi
    done
}

# -------------------------------------------------------- slurmctld/slurmd
ctld_up() { scontrol ping | grep -q 'is UP'; }
node_state() { sinfo -h -N -n "$NODE_NAME" -o '%T' 2>/dev/null | head -n 1; }
# Usable: idle, or busy with other people's jobs (mixed/allocated). Not:
# down, drained, unknown, not responding (state ends in '*').
node_usable() {
    local s; s=$(node_state)
    [[ $s =~ ^(idle|mixed|allocated|completing)$ ]]
}

start_slurm() {
    if ! is_running slurmctld slurmctld; then
        log "starting slurmctld"
        spawn slurmctld slurmctld -D
    fi
    wait_for 30 slurmctld ctld_up \
        || fail "slurmctld did not come up" "$LOG_DIR/slurmctld.log" "$LOG_DIR/slurmctld.out"

    if ! is_running slurmd slurmd; then
        log "starting slurmd (node $NODE_NAME)"
        spawn slurmd slurmd -D -N "$NODE_NAME"
    fi
    if ! wait_for 30 slurmd node_usable; then
        # A node left DOWN/DRAIN by an earlier run (e.g. killed slurmd) does
        # not return by itself if it was drained by hand; resume it once.
        log "node state '$(node_state)', trying to resume it"
        scontrol update NodeName="$NODE_NAME" State=RESUME >/dev/null 2>&1 || true
        wait_for 20 slurmd node_usable \
            || fail "node $NODE_NAME not usable (state '$(node_state)'): $(scontrol show node "$NODE_NAME" 2>&1 | grep -o 'Reason=.*' || true)" \
                    "$LOG_DIR/slurmd.log" "$LOG_DIR/slurmd.out" "$LOG_DIR/slurmctld.log"
    fi
}

# ------------------------------------------------------------- smoke tests
# sacct_state JOBID: accounting state of the job allocation (empty if the
# record has not reached slurmdbd yet).
sacct_state() { sacct -n -P -X -j "$1" --format=State 2>/dev/null | head -n 1; }

smoke_test() {
    # The client commands must work in any case.
    squeue >/dev/null || fail "squeue failed" "$LOG_DIR/slurmctld.log"
    sacct -n -X >/dev/null || fail "sacct failed" "$LOG_DIR/slurmdbd.log"
    QSTAT=absent
    if [[ $PBS != absent ]]; then
        # plain qstat exits 153 when no job is queued (Slurm's wrapper), so ask for the queues
        "$PBS/qstat" -Q >/dev/null 2>&1 || fail "qstat -Q (slurm-wlm-torque in $PBS) failed: $("$PBS/qstat" -Q 2>&1 | tail -n 3)"
        QSTAT=ok
    fi

    # Test jobs only on an idle node: when other people's jobs occupy the
    # cores ours would queue behind them and a healthy cluster would look
    # broken (a daemon restart on a busy node is verified by the checks above
    # and the node state).
    local state; state=$(node_state)
    if [[ $state != idle ]]; then
        SMOKE="skipped, node is $state with $(squeue -h | wc -l) job(s) queued"
        return 0
    fi

    local out=$STATE_DIR/smoke
    local t=$EPOCHREALTIME
    timeout 60 srun -p "$PARTITION" -N1 -n1 -t 1 -o /dev/null true \
        || fail "srun test job failed" "$LOG_DIR/slurmctld.log" "$LOG_DIR/slurmd.log"
    local srun_secs; srun_secs=$(elapsed "$t")

    # Batch job: submit and poll squeue rather than `sbatch --wait`, whose
    # own polling (2 s, then 8 s more) would add seconds to every start.
    t=$EPOCHREALTIME
    local jid s deadline
    jid=$(sbatch --parsable -p "$PARTITION" -t 1 -J muster-smoke -o "$out/%j.out" --wrap 'echo hi') \
        || fail "sbatch of the test job failed" "$LOG_DIR/slurmctld.log"
    jid=${jid%%;*}
    deadline=$(( SECONDS + 60 ))
    until s=$(squeue -h -j "$jid" -t all -o '%T' 2>/dev/null); [[ $s == COMPLETED ]]; do
        if [[ $s =~ ^(FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|BOOT_FAIL|DEADLINE)$ ]]; then
            fail "test job $jid ended as $s instead of COMPLETED" "$LOG_DIR/slurmctld.log" "$LOG_DIR/slurmd.log" "$out/$jid.out"
        fi
        if (( SECONDS >= deadline )); then
            fail "test job $jid still $s after 60 s ($(squeue -h -j "$jid" -o 'reason %r' 2>&1); node $(node_state))" \
                 "$LOG_DIR/slurmctld.log" "$LOG_DIR/slurmd.log"
        fi
        sleep 0.1
    done
    local sbatch_secs; sbatch_secs=$(elapsed "$t")
    [[ $(<"$out/$jid.out") == hi ]] || fail "test job $jid produced unexpected output" "$out/$jid.out"
    rm -f "$out/$jid.out"

    # The completion record reaches slurmdbd asynchronously.
    deadline=$(( SECONDS + 20 ))
    until s=$(sacct_state "$jid"); [[ $s == COMPLETED ]]; do
        (( SECONDS < deadline )) || fail "sacct shows '$s' instead of COMPLETED for job $jid" "$LOG_DIR/slurmdbd.log" "$LOG_DIR/slurmctld.log"
        sleep 0.2
    done
    SMOKE="srun ${srun_secs}s; sbatch job $jid COMPLETED after ${sbatch_secs}s, sacct agrees"
}

# Extra checks for the behaviour the tests depend on (--check).
extended_checks() {
    local err
    if err=$(timeout 20 sbatch --parsable -p muster-no-such-partition -o /dev/null --wrap true 2>&1); then
        fail "sbatch accepted a job for a nonexistent partition (job $err)"
    fi
    [[ $err == *"invalid partition"* ]] || fail "unexpected sbatch error for invalid partition: $err"
    log "check: invalid partition rejected at submit: ${err//$'\n'/ | }"

    local a b s deadline state
    state=$(node_state)
    if [[ $state != idle ]]; then
        log "check: afterok-of-failed-job check skipped, node is $state"
        return 0
    fi
    a=$(sbatch --parsable -p "$PARTITION" -t 1 -o /dev/null --wrap 'exit 3')
    b=$(sbatch --parsable -p "$PARTITION" -t 1 -o /dev/null -d "afterok:$a" --wrap true)
    deadline=$(( SECONDS + 30 ))
    until s=$(sacct_state "$b"); [[ $s == CANCELLED* ]]; do
        (( SECONDS < deadline )) || fail "afterok dependant $b of failed job $a is '$s', not CANCELLED" "$LOG_DIR/slurmctld.log"
        sleep 0.5
    done
    log "check: afterok dependant $b of failed job $a (state $(sacct_state "$a")) was $s"
}

# ------------------------------------------------------------------- main
mkdir -p "$LOG_DIR" "$RUN_DIR"
install_packages
unpack_pbs_wrappers
prepare_dirs_and_config
restart_changed
T_DAEMONS=$EPOCHREALTIME
start_munge
start_mariadb
start_slurmdbd
start_slurm
DAEMON_SECS=$(elapsed "$T_DAEMONS")
smoke_test
if [[ $CHECK -eq 1 ]]; then extended_checks; fi

cat <<EOF
[muster-slurm] Slurm cluster '$CLUSTER' is UP ($(sinfo --version))
  node:        $NODE_NAME  CPUs=$NODE_CPUS RealMemory=${REAL_MEMORY}M  state=$(node_state)
  partition:   $PARTITION (default)
  accounting:  slurmdbd -> MariaDB 127.0.0.1:$DB_PORT db slurm_acct_db; account '$ACCOUNT'
  test jobs:   $SMOKE
  commands:    squeue ok, sacct ok, qstat $QSTAT
  PBS wrappers: $PBS (torque.bin_dir, MUSTER_TORQUE_BIN_DIR)
  state dir:   $STATE_DIR (logs in $LOG_DIR, pid files in $RUN_DIR)
  config:      $SLURM_ETC/slurm.conf, $SLURM_ETC/slurmdbd.conf, $MYCNF
  timing:      daemons ${DAEMON_SECS}s, total $(elapsed "$T0")s
  stop with:   $SCRIPT_DIR/stop.sh
EOF
