#!/usr/bin/env bash
# Starts ChatOpsSignin for the slack-bench harness (../shared/bench/slack-bench, compare.sh / bots.conf):
#   chatops | /slack/commands | /path/to/bench/slack/run-bot.sh
# Maps the harness's PORT, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_API_URL and AWS_DELAY_MS onto the bot's
# configuration, starts the AWS stand-in (bench/AwsStandInHost) as its own process on the harness CPU with
# AWS_DELAY_MS split over the two AWS calls of a sign-in (AssumeRole, getSigninToken), then execs a Release build.
# Run compare.sh with UNIQUE_USERS=1: the harness then gives every command its own user (as Slack would), so the
# profile's rate limit (10 per user per hour) never refuses and every command is a real sign-in. Without it, every
# command comes from U0BENCH0001, which the workspace allows, but its per-user rate limit soon refuses.
# Knobs: ALLOW_SIZE (default 0: the profile allows the bench workspace with one entry, slack:T0BENCH001/*; N > 0: a
#        generated group of N user entries instead, to measure what an allow-list entry costs; the harness uses up to
#        ~150k users, so give at least 160000),
#        WORK_MAX_BACKLOG, WORK_MAX_CONCURRENCY, STANDIN_CPUS (default 1), BUILD=0 (reuse the last publish),
#        CHATOPS_BENCH_DIR (where builds and per-run state go; default /tmp/chatops-bench).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dir=${CHATOPS_BENCH_DIR:-/tmp/chatops-bench}
: "${PORT:?}" "${SLACK_SIGNING_SECRET:?}" "${SLACK_BOT_TOKEN:?}" "${SLACK_API_URL:?}"
delay=${AWS_DELAY_MS:-0}
allow=${ALLOW_SIZE:-0}

# Build once (a lock, so two starts never publish at the same time); BUILD=1 forces a rebuild.
mkdir -p "$dir"
(
  flock 9
  if [ "${BUILD:-auto}" = 1 ] || [ ! -f "$dir/bot/chatops-signin.dll" ] || [ ! -f "$dir/aws/AwsStandInHost.dll" ]; then
    dotnet publish "$repo/src/ChatOpsSignin" -c Release -o "$dir/bot" --nologo -v q >&2
    dotnet publish "$repo/bench/AwsStandInHost" -c Release -o "$dir/aws" --nologo -v q >&2
  fi
) 9>"$dir/.build.lock"

run=$(mktemp -d "$dir/run.XXXXXX")
# The stand-in is started outside the bot's process tree, pinned to the harness CPU, so the harness (which measures the
# bot's pid and its descendants) does not count its CPU and memory as the bot's. A plain `setsid … &` is not enough: the
# child's parent would be this shell, which becomes the bot at exec. The subshell exits at once, so the stand-in is
# reparented to init. It exits when this process (the bot, after exec) is gone.
bot_pid=$$
(setsid taskset -c "${STANDIN_CPUS:-1}" dotnet "$dir/aws/AwsStandInHost.dll" \
  --out "$run/aws.env" --delay-ms $((delay / 2)) --parent-pid "$bot_pid" </dev/null >"$run/aws.log" 2>&1 &)
for _ in $(seq 1 200); do [ -f "$run/aws.env" ] && break; sleep 0.05; done
[ -f "$run/aws.env" ] || { echo "AWS stand-in did not start: $(cat "$run/aws.log")" >&2; exit 2; }
# shellcheck disable=SC1091
. "$run/aws.env"

# Content root of this run: the published appsettings.json plus appsettings.Bench.json with the generated group.
mkdir -p "$run/root"
cp "$dir/bot/appsettings.json" "$run/root/appsettings.json"
python3 - "$allow" >"$run/root/appsettings.Bench.json" <<'PY'
import json, sys
n = int(sys.argv[1])
members = [f"slack:T0BENCH001/U{i:010d}" for i in range(1, n + 1)]
print(json.dumps({"Groups": {"bench": members}} if members else {}))
PY

export ASPNETCORE_ENVIRONMENT=Bench
export Slack__SigningSecret="$SLACK_SIGNING_SECRET" Slack__BotToken="$SLACK_BOT_TOKEN" Slack__ApiBaseUrl="$SLACK_API_URL"
export Aws__Region=us-east-1 Aws__StsServiceUrl="$AWS_STS_URL" Aws__CognitoServiceUrl="$AWS_COGNITO_URL"
export Aws__FederationUrl="$AWS_FEDERATION_URL" Aws__Issuer=https://chatops.bench.invalid/
export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
# The database lives outside the content root: the configuration file watcher watches the content root recursively, and
# would wake on every SQLite write.
mkdir -p "$run/data"
export Storage__Provider=Sqlite Storage__SqlitePath="$run/data/bot.db"
# "prod-readonly" is not a shell name: these go through env(1), which execs the bot in this same process.
profile=("Profiles__prod-readonly__RoleArn=$AWS_ROLE_ARN")
if [ "$allow" -gt 0 ]; then profile+=("Profiles__prod-readonly__Allow__0=group:bench")
else profile+=("Profiles__prod-readonly__Allow__0=slack:T0BENCH001/*"); fi
[ -n "${WORK_MAX_BACKLOG:-}" ] && export Work__MaxBacklog="$WORK_MAX_BACKLOG"
[ -n "${WORK_MAX_CONCURRENCY:-}" ] && export Work__MaxConcurrency="$WORK_MAX_CONCURRENCY"
exec env "${profile[@]}" dotnet "$dir/bot/chatops-signin.dll" --urls "http://127.0.0.1:$PORT" --contentRoot "$run/root"
