#!/usr/bin/env bash
# Makes (or brings up to date) one Artemis broker instance for Muster, without starting it:
#   instance.sh DIR PORT CONFIG [PEER_PORT]
# DIR       the instance directory (created with `artemis create` when it has none)
# PORT      the loopback port of its acceptor
# CONFIG    broker.xml (standalone) or cluster-node.xml (one node of a 2-node cluster)
# PEER_PORT for cluster-node.xml: the loopback port of the other node
# ARTEMIS_HOME must name the unpacked distribution; javac and jar (a JDK) must be on the PATH.
# Run DIR/bin/artemis run to start it.
#
# Logins (test brokers on loopback only): muster (role muster, password $MUSTER_ARTEMIS_PASSWORD,
# default muster-test); observer (role observe, password observer-test); anonymous clients get
# role muster. start.sh uses this for its brokers; tests that start and kill brokers of their
# own use it too.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$1 port=$2 config=$3 peer=${4:-}
name=$(basename "$dir")
password=${MUSTER_ARTEMIS_PASSWORD:-muster-test}
cluster_password=${MUSTER_ARTEMIS_CLUSTER_PASSWORD:-muster-cluster-test}

if [ ! -f "$dir/etc/artemis.profile" ]; then
  "$ARTEMIS_HOME/bin/artemis" create --silent --force --nio --no-web --no-autotune --allow-anonymous \
      --user muster --password "$password" --role muster --host 127.0.0.1 --default-port "$port" \
      --java-memory 512M "$dir" >/dev/null
  printf '\nobserver = observer-test\n' >> "$dir/etc/artemis-users.properties"
  printf '\nobserve = observer\n' >> "$dir/etc/artemis-roles.properties"
fi
cp "$here/$config" "$dir/etc/broker.xml"
# the broker plugin that refuses oversized requests at the send (broker.xml names it): its one
# source file, compiled against this distribution's jars into the instance's lib directory
plugin=$here/../../src/main/java/io/muster/messaging/OversizedRequests.java
jar=$dir/lib/muster-broker-plugin.jar
if [ ! -f "$jar" ] || [ "$plugin" -nt "$jar" ]; then
  classes=$(mktemp -d)
  javac -nowarn -d "$classes" -cp "$ARTEMIS_HOME/lib/*" "$plugin"
  mkdir -p "$dir/lib"
  jar cf "$jar" -C "$classes" .
  rm -rf "$classes"
fi
cp "$here"/muster-addresses.xml "$here"/muster-address-settings.xml "$here"/muster-security-settings.xml "$dir/etc/"
props="-Xms64M -Dmuster.broker.name=$name -Dmuster.broker.host=127.0.0.1 -Dmuster.broker.port=$port"
if [ -n "$peer" ]; then
  props="$props -Dmuster.cluster.peer=tcp://127.0.0.1:$peer -Dmuster.cluster.user=muster-cluster"
  props="$props -Dmuster.cluster.password=$cluster_password"
fi
# one line of ours at the end of the profile, replaced on every run
sed -i '/# muster instance.sh$/d' "$dir/etc/artemis.profile"
[ -z "$(tail -c1 "$dir/etc/artemis.profile")" ] || echo >> "$dir/etc/artemis.profile"
echo "JAVA_ARGS=\"\$JAVA_ARGS $props\" # muster instance.sh" >> "$dir/etc/artemis.profile"
# a login with a wrong password is refused, not let in as the anonymous guest
grep -q credentialsInvalidate "$dir/etc/login.config" ||
  sed -i 's/^\(\s*\)\(org.apache.activemq.jaas.guest.role="muster"\);/\1\2\n\1credentialsInvalidate=true;/' "$dir/etc/login.config"
