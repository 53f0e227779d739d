#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries (initdb, pg_ctl) for the store tests, unless they are already there.
# The tests start their own throwaway cluster; nothing here starts a server. Debian puts the binaries in
# /usr/lib/postgresql/<version>/bin (not on PATH); the test fixture looks there too.
set -euo pipefail

if command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "postgresql: initdb found, nothing to install"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq postgresql >/dev/null
# The package may start a system cluster on 5432; the tests do not use it.
echo "postgresql: installed $(ls -d /usr/lib/postgresql/*/bin | tail -1)"
