#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + icons) for upload in Teams or the Developer Portal.
# Usage: APP_ID=<bot Microsoft App ID> BOT_HOST=chatops.example.com [TEAMS_APP_ID=<guid>] [DEVELOPER_NAME="Contoso SRE"] manifests/teams/zip.sh [out.zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/chatops-signin-teams.zip}"
: "${APP_ID:?set APP_ID to the bot Microsoft App ID (Entra application/client id)}"
: "${BOT_HOST:?set BOT_HOST to the public host name that serves /api/messages, e.g. chatops.example.com}"
TEAMS_APP_ID="${TEAMS_APP_ID:-$APP_ID}"
DEVELOPER_NAME="${DEVELOPER_NAME:-ChatOpsSignin}"
guid='^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
[[ "$APP_ID" =~ $guid ]] || { echo "APP_ID must be a GUID" >&2; exit 2; }
[[ "$TEAMS_APP_ID" =~ $guid ]] || { echo "TEAMS_APP_ID must be a GUID" >&2; exit 2; }
host='^[A-Za-z0-9.-]+$'
[[ "$BOT_HOST" =~ $host ]] || { echo "BOT_HOST must be a bare host name (no scheme, no path)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export APP_ID TEAMS_APP_ID BOT_HOST DEVELOPER_NAME
python3 - "$here/manifest.json" "$work/manifest.json" <<'PY'
import json, os, sys
text = open(sys.argv[1], encoding="utf-8").read()
for name in ("APP_ID", "TEAMS_APP_ID", "BOT_HOST", "DEVELOPER_NAME"):
    text = text.replace("${" + name + "}", json.dumps(os.environ[name])[1:-1])
json.loads(text)  # still valid JSON
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
cp "$here/color.png" "$here/outline.png" "$work/"
rm -f "$out"
python3 - "$work" "$out" <<'PY'
import sys, zipfile, pathlib
src, out = pathlib.Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in ("manifest.json", "color.png", "outline.png"):
        z.write(src / name, name)  # files at the zip root, as Teams requires
PY
echo "wrote $out"
