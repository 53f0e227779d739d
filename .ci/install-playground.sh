#!/usr/bin/env bash
# Installs what the Agents Playground end-to-end test needs: Debian's chromium (driven by playwright-core; never
# `npx playwright install`, which downloads a browser build) and the pinned npm packages in tests/playground.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v chromium >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
cd "$root/tests/playground"
npm ci --no-audit --no-fund
echo "playground e2e ready: chromium at $(command -v chromium); run with BOT_URL=... npm test in tests/playground"
