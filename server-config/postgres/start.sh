#!/usr/bin/env bash
# Install (if needed) Debian's PostgreSQL and start a cluster of its own for Muster on a loopback
# port, with a database and a login for Muster's job store and batch repository. Integration
# tests that share one database between servers use it (.ci/run exports its URL).
#
# Idempotent: a cluster that exists is kept, a running one is left alone, the role and the
# database are only created when missing, so a second run takes about a second. The server is
# a daemon of its own (pg_ctlcluster detaches it), so `start.sh | cat` returns when the script ends.
#
# Environment (all optional):
#   MUSTER_PG_PORT      loopback port (default 55432)
#   MUSTER_PG_DATABASE  database name (default muster)
#   MUSTER_PG_USER      login (default muster)
#   MUSTER_PG_PASSWORD  its password (default muster)
#   MUSTER_PG_CLUSTER   the Debian cluster's name (default muster)
#
# Prints the JDBC URL at the end. Must run as root.
set -Eeuo pipefail

PORT=${MUSTER_PG_PORT:-55432}
DB=${MUSTER_PG_DATABASE:-muster}
USER_NAME=${MUSTER_PG_USER:-muster}
PASSWORD=${MUSTER_PG_PASSWORD:-muster}
CLUSTER=${MUSTER_PG_CLUSTER:-muster}

log() { printf '[muster-postgres] %s\n' "$*"; }
fail() { echo "[muster-postgres] ERROR: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || fail "must run as root (installs packages, starts a cluster as user postgres)"
[[ $DB =~ ^[a-z_][a-z0-9_]*$ && $USER_NAME =~ ^[a-z_][a-z0-9_]*$ ]] \
    || fail "MUSTER_PG_DATABASE and MUSTER_PG_USER must be plain lower-case names"
[[ $PASSWORD != *"'"* ]] || fail "MUSTER_PG_PASSWORD must not contain a single quote"

if ! command -v pg_createcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
    log "creating cluster $VERSION/$CLUSTER on port $PORT"
    # no automatic start at boot: CI starts it through this script
    pg_createcluster --port "$PORT" --start-conf manual "$VERSION" "$CLUSTER" -- --auth-local=peer \
        --auth-host=scram-sha-256 >/dev/null
fi
CONF=/etc/postgresql/$VERSION/$CLUSTER
[[ -f $CONF/postgresql.conf ]] || fail "no configuration in $CONF"
# Debian's postgresql.conf reads conf.d/: loopback only, and connections enough for several
# servers' pools (up to 64 each) and the tests
mkdir -p "$CONF/conf.d"
cat >"$CONF/conf.d/muster.conf" <<CONFEOF
listen_addresses = '127.0.0.1'
port = $PORT
max_connections = 300
CONFEOF
chown -R postgres:postgres "$CONF/conf.d"

if ! pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c && $4 == "online" { up = 1 } END { exit !up }'; then
    log "starting cluster $VERSION/$CLUSTER"
    pg_ctlcluster "$VERSION" "$CLUSTER" start </dev/null >/dev/null 2>&1 \
        || fail "cluster did not start; see /var/log/postgresql/postgresql-$VERSION-$CLUSTER.log"
fi

psql_admin() { runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PORT" "$@"; }
for _ in $(seq 50); do
    psql_admin -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 && break
    sleep 0.2
done
psql_admin -d postgres -tAc 'SELECT 1' >/dev/null || fail "cluster does not answer on port $PORT"

if [[ -z $(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'") ]]; then
    log "creating role $USER_NAME"
    psql_admin -d postgres -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'"
else
    psql_admin -d postgres -c "ALTER ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'"
fi
if [[ -z $(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'") ]]; then
    log "creating database $DB"
    psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $USER_NAME"
fi

# proof: the login works over TCP as Muster will use it
PGPASSWORD=$PASSWORD psql -X -q -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d "$DB" -tAc 'SELECT 1' >/dev/null \
    || fail "cannot log in as $USER_NAME over TCP on port $PORT"
log "ready: jdbc:postgresql://127.0.0.1:$PORT/$DB (user $USER_NAME)"
