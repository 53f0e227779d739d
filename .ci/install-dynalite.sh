#!/usr/bin/env bash
# dynalite (DynamoDB on LevelDB, pinned in tests/dynalite/package-lock.json) for the DynamoDB store tests, which start
# it themselves on a free loopback port. Needs node >= 16 and npm.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../tests/dynalite"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi

npm ci --no-audit --no-fund
node node_modules/dynalite/cli.js --help >/dev/null
