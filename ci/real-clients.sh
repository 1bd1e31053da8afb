#!/usr/bin/env bash
# Real-client check: installs Claude Code, Gemini CLI and Codex from npm (ci/install-clients.sh) into a throw-away
# prefix, runs the setup wizard non-interactively against a fake Bot API in a throw-away HOME (through a symlinked
# launcher in a path with spaces), then asks each client about the server:
#   claude mcp list   -> telegram ... Connected
#   gemini mcp list   -> telegram ... Connected
#   codex mcp list    -> telegram with tool_timeout_sec = 604800
# and checks Claude Code's settings (MCP_TOOL_TIMEOUT, CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS=0), that a second setup run
# changes no file and that the token is never printed. The unattended loop itself runs through the same clients in
# the *IT tests under src/test/java/.../clients (./mvnw verify -Drealclients.prefix=...).
#
# Needs: ./mvnw verify (or package + test-compile) done, node and npm. Exits non-zero when a check fails.
# Env: CLAUDE_CODE_VERSION, GEMINI_CLI_VERSION, CODEX_VERSION pin the npm packages (defaults in ci/install-clients.sh);
#      REAL_CLIENTS_PREFIX is the npm prefix to install into or reuse.
set -uo pipefail

root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
app=$root/target/quarkus-app
token=123456789:AAFakeTokenForTestsOnly_abcdefghijk

passed=0
failed=0
check() { # name, then a command that succeeds when the check passes
    local name=$1
    shift
    if "$@"; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        failed=$((failed + 1))
    fi
}
die() {
    echo "real-clients: $*" >&2
    echo "real-clients: 0 passed, 1 failed"
    exit 1
}

[[ -f $app/quarkus-run.jar ]] || die "no packaged server; run ./mvnw verify first"
[[ -f $root/target/test-classes/io/github/telegrammcp/setup/FakeBotApiMain.class ]] ||
    die "no test classes; run ./mvnw verify first"
command -v npm >/dev/null || die "npm is needed to install the clients"

work=$(mktemp -d "${TMPDIR:-/tmp}/real-clients.XXXXXX")
fake_pid=
cleanup() {
    [[ -n ${fake_fd:-} ]] && eval "exec ${fake_fd}>&-"
    [[ -n $fake_pid ]] && kill "$fake_pid" 2>/dev/null
    wait 2>/dev/null
    # A server a client started may still be writing its log while it exits: try again shortly.
    rm -rf "$work" 2>/dev/null || { sleep 3; rm -rf "$work"; }
}
trap cleanup EXIT

# 1. The clients, from npm, in a prefix of their own.
prefix=${REAL_CLIENTS_PREFIX:-$work/npm}
bash "$root/ci/install-clients.sh" "$prefix" || die "the clients could not be installed"

# 2. A throw-away home, a project and a launcher symlink, both in paths with spaces.
export HOME="$work/home dir"
project="$work/my project"
mkdir -p "$HOME" "$project" "$work/bin dir"
ln -s "$root/bin/telegram-mcp-server" "$work/bin dir/telegram-mcp-server"
launcher="$work/bin dir/telegram-mcp-server"
unset XDG_CONFIG_HOME XDG_STATE_HOME XDG_DATA_HOME CODEX_HOME TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID TELEGRAM_STATE_DIR \
    TELEGRAM_SESSION TELEGRAM_CONFIG_FILE TELEGRAM_MCP_LAUNCHER
export PATH="$prefix/node_modules/.bin:$PATH"
export DISABLE_TELEMETRY=1 CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 NO_UPDATE_NOTIFIER=1
echo "claude $(claude --version 2>/dev/null | head -1); gemini $(gemini --version 2>/dev/null | head -1);" \
    "$(codex --version 2>/dev/null | tail -1)"

# 3. The fake Bot API (from the test classes), with the owner's /start queued; it runs until its stdin closes.
cp=$root/target/test-classes
for jar in "$app"/lib/main/*.jar; do cp=$cp:$jar; done
mkfifo "$work/fake.in"
java -cp "$cp" io.github.telegrammcp.setup.FakeBotApiMain 900 <"$work/fake.in" >"$work/fake.out" 2>"$work/fake.err" &
fake_pid=$!
exec {fake_fd}>"$work/fake.in"
for ((i = 0; i < 100; i++)); do [[ -s $work/fake.out ]] && break; sleep 0.1; done
api_url=$(head -n 1 "$work/fake.out")
[[ $api_url == http://127.0.0.1:* ]] || die "the fake Bot API did not start: $(cat "$work/fake.err")"
export TELEGRAM_API_URL=$api_url

# 4. The wizard, non-interactively, through the symlink; the chat id comes from the queued /start.
cd "$project" || die "no project directory"
"$launcher" --setup --token "$token" --client claude,codex,gemini --scope user --yes --wait 30 \
    >"$work/setup1.out" 2>&1
status=$?
cat "$work/setup1.out"
check "wizard exits 0" test "$status" -eq 0
check "wizard found chat id 1001" grep -q "chat id 1001" "$work/setup1.out"
# shellcheck disable=SC2016 # expanded by the inner shell
check "wizard never prints the token" bash -c '! grep -qF -- "${0#*:}" "$1"' "$token" "$work/setup1.out"
config_file="$HOME/.config/telegram-mcp-server/config.properties"
check "config file is mode 600" test "$(stat -c %a "$config_file" 2>/dev/null)" = 600
# The fake reports what it received a moment later (it looks every 200 ms).
sent_to_owner() {
    local tries
    for ((tries = 0; tries < 50; tries++)); do
        grep -q "^sent 1001 " "$work/fake.out" && return 0
        sleep 0.1
    done
    return 1
}
check "the test message reached the owner's chat" sent_to_owner

# Gemini CLI starts MCP servers only in trusted folders; a person answers its prompt once, here we write the answer.
mkdir -p "$HOME/.gemini"
node -e 'const fs=require("fs");const f=process.argv[1];let t={};try{t=JSON.parse(fs.readFileSync(f))}catch(e){}
t[process.argv[2]]="TRUST_FOLDER";fs.writeFileSync(f,JSON.stringify(t,null,2))' "$HOME/.gemini/trustedFolders.json" "$project"

# 5. What the clients say.
claude mcp list >"$work/claude.out" 2>&1
cat "$work/claude.out"
check "claude mcp list: telegram Connected" grep -Eq "^telegram: .*Connected" "$work/claude.out"
check "claude: MCP_TOOL_TIMEOUT is 7 days" grep -q '"MCP_TOOL_TIMEOUT": "604800000"' "$HOME/.claude/settings.json"
check "claude: long waits stay in the foreground" \
    grep -q '"CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS": "0"' "$HOME/.claude/settings.json"

gemini mcp list >"$work/gemini.out" 2>&1
cat "$work/gemini.out"
check "gemini mcp list: telegram Connected" grep -Eq "telegram: .*Connected" "$work/gemini.out"
check "gemini: timeout is 7 days" grep -q '"timeout": 604800000' "$HOME/.gemini/settings.json"

codex mcp list --json >"$work/codex.json" 2>"$work/codex.err"
codex mcp list 2>/dev/null
check "codex mcp list: telegram with tool_timeout_sec = 604800" node -e '
const list = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const entry = list.find(s => s.name === "telegram");
process.exit(entry && entry.tool_timeout_sec === 604800 && entry.transport.command === process.argv[2] ? 0 : 1);
' "$work/codex.json" "$launcher"

# 6. A second run changes nothing.
files=("$config_file" "$HOME/.claude.json" "$HOME/.claude/settings.json" "$HOME/.codex/config.toml"
    "$HOME/.gemini/settings.json")
sha256sum "${files[@]}" >"$work/before.sha" 2>&1
"$launcher" --setup --client claude,codex,gemini --scope user --yes --no-test-message >"$work/setup2.out" 2>&1
status=$?
check "second wizard run exits 0" test "$status" -eq 0
check "second wizard run changes no file" sha256sum --quiet -c "$work/before.sha"
# shellcheck disable=SC2016 # expanded by the inner shell
check "--config shows the saved settings, token masked" bash -c \
    '"$0" --config > "$1" 2>&1; grep -q "TELEGRAM_CHAT_ID.*1001.*config file" "$1" && grep -q "123456789:\*\*\*" "$1" &&
     ! grep -qF "${2#*:}" "$1"' "$launcher" "$work/config.out" "$token"

echo "real-clients: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
