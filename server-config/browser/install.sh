#!/bin/sh
# Installs, from Debian's packages, the browser the web page's test (WebPageIT) drives: chromium
# and its chromedriver (the test sets the driver's path, /usr/bin/chromedriver; Selenium's driver
# manager is never asked to download one). Only what is missing is installed; run as root or with
# sudo. Idempotent, so CI can call it on every run.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -x /usr/bin/chromedriver ] || missing="$missing chromium-driver"

if [ -z "$missing" ]; then
    echo "browser: $(/usr/bin/chromium --version 2>/dev/null | head -n 1), chromedriver present"
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "browser: installing$missing"
$sudo apt-get update -q
# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
