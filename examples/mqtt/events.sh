#!/bin/sh
# Print Muster's events as they happen, over MQTT (mosquitto-clients).
#   HOST=127.0.0.1 PORT=61616 examples/mqtt/events.sh [more mosquitto_sub options, e.g. -C 4]
# The broker maps MQTT topic levels to address words: "muster/events" is the topic muster.events.
# MQTT has no selectors: every event arrives; filter on the JSON (jq '.data | select(.state=="COMPLETED")').
# For a durable subscription add: -c -i SOME-CLIENT-ID -q 1 (a persistent session keeps the events
# published while this client is away, and hands them over when it reconnects with the same id).
# A server with users (broker.users) wants a login: MUSTER_USER=... MUSTER_PASSWORD=...
exec mosquitto_sub -h "${HOST:-127.0.0.1}" -p "${PORT:-61616}" ${MUSTER_USER:+-u "$MUSTER_USER" -P "$MUSTER_PASSWORD"} -t muster/events "$@"
