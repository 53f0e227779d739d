#!/usr/bin/env bash
# Debian's libfaketime: the crash tests restart the bot "16 minutes later" to see it remove a link, without waiting.
set -euo pipefail
if [ ! -f /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq faketime >/dev/null
fi
echo "faketime ready"
