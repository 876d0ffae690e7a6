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
# Logins: user "muster" (role muster, Muster's own), password $MUSTER_ARTEMIS_PASSWORD (default
# muster-test). Anonymous clients get role muster too: these brokers listen on loopback only and
# are for tests. A broker of your own should not let anonymous clients in (README, "Scaling out").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=2.40.0
root=${MUSTER_ARTEMIS_ROOT:-/var/tmp/muster-artemis}
home=$root/apache-artemis-$version
password=${MUSTER_ARTEMIS_PASSWORD:-muster-test}
cluster_password=${MUSTER_ARTEMIS_CLUSTER_PASSWORD:-muster-cluster-test}

mkdir -p "$root"
if [ ! -x "$home/bin/artemis" ]; then
  mvn -q dependency:copy -Dartifact=org.apache.activemq:apache-artemis:$version:tar.gz:bin \
      -DoutputDirectory="$root" -Dmdep.overWriteIfNewer=true
  tar -xzf "$root/apache-artemis-$version-bin.tar.gz" -C "$root"
fi

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# instance NAME PORT CONFIG [PEER_PORT]
instance() {
  local name=$1 port=$2 config=$3 peer=${4:-}
  local dir=$root/$name
  if answers "$port"; then
    echo "artemis $name already answers on 127.0.0.1:$port"
    return
  fi
  if [ ! -f "$dir/etc/artemis.profile" ]; then
    "$home/bin/artemis" create --silent --force --nio --no-web --no-autotune --allow-anonymous \
        --user muster --password "$password" --role muster --host 127.0.0.1 --default-port "$port" \
        --java-memory 512M "$dir" >/dev/null
  fi
  cp "$here/$config" "$dir/etc/broker.xml"
  cp "$here"/muster-addresses.xml "$here"/muster-address-settings.xml "$here"/muster-security-settings.xml "$dir/etc/"
  local props="-Xms64M -Dmuster.broker.name=$name -Dmuster.broker.host=127.0.0.1 -Dmuster.broker.port=$port"
  if [ -n "$peer" ]; then
    props="$props -Dmuster.cluster.peer=tcp://127.0.0.1:$peer -Dmuster.cluster.user=muster-cluster"
    props="$props -Dmuster.cluster.password=$cluster_password"
  fi
  # one line of ours at the end of the profile, replaced on every run
  sed -i '/# muster start.sh$/d' "$dir/etc/artemis.profile"
  [ -z "$(tail -c1 "$dir/etc/artemis.profile")" ] || echo >> "$dir/etc/artemis.profile"
  echo "JAVA_ARGS=\"\$JAVA_ARGS $props\" # muster start.sh" >> "$dir/etc/artemis.profile"
  # a login with a wrong password is refused, not let in as the anonymous guest
  grep -q credentialsInvalidate "$dir/etc/login.config" ||
    sed -i 's/^\(\s*\)\(org.apache.activemq.jaas.guest.role="muster"\);/\1\2\n\1credentialsInvalidate=true;/' "$dir/etc/login.config"
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
