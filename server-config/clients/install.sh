#!/bin/sh
# Installs, from Debian's packages, the clients the "Other languages" examples and their tests use
# (OtherLanguagesIT): python3-stomp, python3-qpid-proton and mosquitto-clients. Only what is
# missing is installed; run as root or with sudo. Idempotent, so CI can call it on every run.
set -eu

missing=""
/usr/bin/python3 -c 'import stomp' 2>/dev/null || missing="$missing python3-stomp"
/usr/bin/python3 -c 'import proton' 2>/dev/null || missing="$missing python3-qpid-proton"
command -v mosquitto_sub >/dev/null 2>&1 || missing="$missing mosquitto-clients"
command -v script >/dev/null 2>&1 || missing="$missing bsdutils"

if [ -z "$missing" ]; then
    echo "clients: python3-stomp, python3-qpid-proton, mosquitto-clients present"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "clients: installing$missing"
$sudo apt-get update -q
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
