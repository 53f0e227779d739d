#!/usr/bin/env bash
# Try the bot on this machine before registering any app: Teams local mode on 127.0.0.1, a sample profile `try` for
# the playground's user, and the Microsoft 365 Agents Playground opened against it. Type `console try` in its chat.
#
#   TRY_ROLE_ARN=arn:aws:iam::<account>:role/<role> bash scripts/try-it-locally.sh
#
# AWS credentials come from your environment (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN], AWS_PROFILE,
# or ~/.aws). Overrides: TRY_PORT (bot, default 3978), TRY_BOT_DLL (run a built chatops-signin.dll instead of
# `dotnet run`), TRY_PLAYGROUND_ARGS (extra playground flags, e.g. "-p 56150"), and any bot setting as an environment
# variable (Aws__Region, Aws__StsServiceUrl, …). Ctrl-C stops both.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tenant=00000000-0000-0000-0000-0000000000001
user=00000000-0000-0000-0000-0000000000020 # the playground's signed-in mock user (Alex Wilber)

has_aws_credentials() {
  [[ -n "${AWS_ACCESS_KEY_ID:-}" && -n "${AWS_SECRET_ACCESS_KEY:-}" ]] && return 0
  [[ -n "${AWS_PROFILE:-}" || -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" || -n "${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}" \
     || -n "${AWS_CONTAINER_CREDENTIALS_RELATIVE_URI:-}" ]] && return 0
  [[ -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" || -f "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]]
}

problems=()
[[ -n "${TRY_ROLE_ARN:-}" ]] || problems+=("TRY_ROLE_ARN=arn:aws:iam::<account>:role/<role>   a role your credentials may assume; its trust policy must allow sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity for them")
has_aws_credentials || problems+=("AWS credentials for the bot: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN if temporary), or AWS_PROFILE=<a profile in ~/.aws/config>")
command -v dotnet > /dev/null || problems+=("dotnet: the .NET 10 SDK on PATH (https://dot.net)")
command -v node > /dev/null || problems+=("node and npx: Node.js 20 or newer on PATH, for the playground")
command -v curl > /dev/null || problems+=("curl on PATH")
if (( ${#problems[@]} > 0 )); then
  {
    echo "try-it-locally: cannot start yet. Set or install:"
    printf '  %s\n' "${problems[@]}"
    echo "then run again: TRY_ROLE_ARN=... bash scripts/try-it-locally.sh"
  } >&2
  exit 2
fi

port="${TRY_PORT:-3978}"
work="$(mktemp -d -t chatops-try-XXXXXX)"
export ASPNETCORE_ENVIRONMENT=Development # local mode refuses to start anywhere else
export ASPNETCORE_URLS="http://127.0.0.1:${port}"
export Teams__AllowUnauthenticatedLocalClient=true
unset Teams__AppPassword Teams__AppId Slack__BotToken Slack__AppToken
export Storage__SqlitePath="${Storage__SqlitePath:-$work/try.db}"
export Aws__Region="${Aws__Region:-${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}}"
export Profiles__try__RoleArn="$TRY_ROLE_ARN"
export Profiles__try__Description="sample profile of scripts/try-it-locally.sh"
export Profiles__try__Allow__0="teams:${tenant}/${user}"

if [[ -n "${TRY_BOT_DLL:-}" ]]; then
  bot=(dotnet "$TRY_BOT_DLL")
else
  bot=(dotnet run --project "$root/src/ChatOpsSignin")
fi

bot_pid=
cleanup() {
  [[ -n "$bot_pid" ]] && kill "$bot_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "try-it-locally: starting the bot on http://127.0.0.1:${port} (Teams local mode, profile 'try' -> ${TRY_ROLE_ARN})"
"${bot[@]}" &
bot_pid=$!
for _ in $(seq 1 240); do
  curl -fsS "http://127.0.0.1:${port}/healthz/live" > /dev/null 2>&1 && break
  kill -0 "$bot_pid" 2> /dev/null || { echo "try-it-locally: the bot stopped; its log is above" >&2; exit 1; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:${port}/healthz/live" > /dev/null || { echo "try-it-locally: the bot did not answer in 2 minutes" >&2; exit 1; }

# The version the test suite pins (tests/playground/package.json); its installed copy when `npm ci` ran there.
version="$(sed -n 's/.*"@microsoft\/m365agentsplayground": *"\([^"]*\)".*/\1/p' "$root/tests/playground/package.json")"
cli="$root/tests/playground/node_modules/@microsoft/m365agentsplayground/cli.js"
if [[ -f "$cli" ]]; then
  playground=(node "$cli")
else
  playground=(npx --yes "@microsoft/m365agentsplayground@${version}")
fi

echo "try-it-locally: opening the Microsoft 365 Agents Playground ${version}; in its chat type: console try"
cd "$work" # the playground writes devTools/ (its log) into the working directory
# shellcheck disable=SC2086 # TRY_PLAYGROUND_ARGS is a list of flags
"${playground[@]}" -e "http://127.0.0.1:${port}/api/messages" -c msteams ${TRY_PLAYGROUND_ARGS:-}
