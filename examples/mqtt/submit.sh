#!/bin/sh
# Submit a job over MQTT (mosquitto-clients): the JSON goes to the queue muster.submit.
#   HOST=127.0.0.1 PORT=61616 examples/mqtt/submit.sh '{"command":"echo hi","name":"hi","requestId":"my-key-1"}'
# MQTT has no reply-to: follow the job on muster/events by its requestId (events.sh).
# A server with users (broker.users) wants a login: MUSTER_USER=... MUSTER_PASSWORD=... (the login
# becomes the job's user).
exec mosquitto_pub -h "${HOST:-127.0.0.1}" -p "${PORT:-61616}" ${MUSTER_USER:+-u "$MUSTER_USER" -P "$MUSTER_PASSWORD"} -t muster/submit -q 1 -m "$1"
