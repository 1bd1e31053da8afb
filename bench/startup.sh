#!/usr/bin/env bash
# Start-up benchmark: time from process start to the answers of `initialize` and the first `tools/list`, median of
# RUNS runs (after one warm-up), for each JDK and mode; then resident memory after IDLE seconds idle, without a
# token and configured (polling a fake Bot API).
#
# Usage: bench/startup.sh [JAVA_HOME...]   (default: $JAVA_HOME or the java on PATH, plus any Java 25+ found in
#        /usr/lib/jvm). Needs a packaged build (./mvnw package, or TELEGRAM_MCP_APP_DIR); builds missing start-up
#        caches itself. The configured rows need Node 18+ (`node`) for bench/fake-bot-api.mjs.
# Env:   RUNS (10), IDLE (60 s), MODES ("plain launcher cached"), IDLE_WAIT (120 s: how long each run may wait
#        for an idle machine), APPS (builds to compare in the same run: "label=quarkus-app-dir ...", e.g.
#        APPS="jdbc=/tmp/main/target/quarkus-app panache=target/quarkus-app"; their start-up runs alternate, and
#        each starts through the launcher of its own checkout when quarkus-app sits in one)
#   plain     java -jar quarkus-run.jar with no options (the baseline)
#   launcher  bin/telegram-mcp-server without its start-up cache
#   cached    bin/telegram-mcp-server with the AppCDS archive (Java 17-24) or AOT cache (Java 25+)
# The server runs with a throw-away HOME and state directory. Start-up runs and the "no token" rows have no Telegram
# token, so the server talks to nobody; the "configured" rows have a made-up token and chat id and TELEGRAM_API_URL
# pointing at bench/fake-bot-api.mjs on 127.0.0.1, so the server long-polls getUpdates as it would with Telegram.
set -euo pipefail

root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
launcher=$root/bin/telegram-mcp-server
runs=${RUNS:-10}
idle=${IDLE:-60}
modes=${MODES:-plain launcher cached}
declare -a app_labels app_dirs
for entry in ${APPS:-"=${TELEGRAM_MCP_APP_DIR:-$root/target/quarkus-app}"}; do
    app_labels+=("${entry%%=*}")
    dir=${entry#*=}
    app_dirs+=("$(cd -P -- "$dir" 2>/dev/null && pwd -P || printf '%s' "$dir")")
done
for dir in "${app_dirs[@]}"; do
    [[ -f $dir/quarkus-run.jar ]] || { echo "bench: $dir/quarkus-run.jar is missing; build first: ./mvnw package" >&2; exit 1; }
done
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
# Only what this script sets: no token or chat id from the caller's environment or configuration file.
unset TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID XDG_CONFIG_HOME

java_home_of() {
    local java
    java=$(readlink -f -- "$(command -v java)")
    dirname -- "$(dirname -- "$java")"
}

jdks=("$@")
if [[ ${#jdks[@]} -eq 0 ]]; then
    jdks=("${JAVA_HOME:-$(java_home_of)}")
    for candidate in /usr/lib/jvm/*; do
        v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$candidate/release" 2>/dev/null || true)
        if [[ -n $v && $v -ge 25 && ! -L $candidate && $candidate != "${jdks[0]}" ]]; then
            jdks+=("$candidate")
        fi
    done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/telegram-mcp-bench.XXXXXX")
fake_pid='' fake_fd=''
cleanup() {
    [[ -z $fake_fd ]] || eval "exec ${fake_fd}>&-"
    [[ -z $fake_pid ]] || kill "$fake_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},'
INIT+='"clientInfo":{"name":"bench","version":"1"}}}'
INITIALIZED='{"jsonrpc":"2.0","method":"notifications/initialized"}'
LIST='{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
# What a configured server does before it idles, as an assistant would: NOTIFY (10) Markdown notifications one after
# the other, a code message and a short wait for a reply (answered "no reply" after 2 s).
notifies=${NOTIFY:-10}
DETAILS='# Report\n\n- **bold** item\n- `code` and a [link](https://example.org)\n\n```java\nclass A { int x; }\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |'
notify_call() {
    printf '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"telegram_notify","arguments":{"event":"progress","summary":"Step %d","details":"%s"}}}' \
        "$1" "$1" "$DETAILS"
}
WORK=(
    '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"telegram_send_code","arguments":{"code":"def f(x):\n    return x * 2\n","language":"python"}}}'
    '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"telegram_wait_reply","arguments":{"max_wait":2}}}'
)

# The launcher a build comes with: bin/ of its checkout (quarkus-app in target/), else this checkout's.
launcher_of() {
    local own
    own=$(dirname -- "$(dirname -- "$1")")/bin/telegram-mcp-server
    if [[ -x $own ]]; then printf '%s' "$own"; else printf '%s' "$launcher"; fi
}

# command for a JDK, mode and build (quarkus-app directory), as an array in CMD
command_for() {
    local jhome=$1 mode=$2 app=$3 start
    start=$(launcher_of "$app")
    case $mode in
        plain) CMD=("$jhome/bin/java" -jar "$app/quarkus-run.jar") ;;
        launcher) CMD=(env JAVA_HOME="$jhome" TELEGRAM_MCP_APP_DIR="$app" TELEGRAM_MCP_START_CACHE=off "$start") ;;
        cached) CMD=(env JAVA_HOME="$jhome" TELEGRAM_MCP_APP_DIR="$app" "$start") ;;
    esac
}

# "Java 17.0.15  cached   " plus the build's label when several builds are compared
row_name() {
    local label=$3
    [[ ${#app_dirs[@]} -gt 1 ]] || label=
    printf 'Java %-8s %-9s%s' "$1" "$2" "${label:+ $(printf '%-8s' "$label")}"
}

# One start: prints milliseconds to the tools/list answer; leaves the server running when $2 is "keep" (pid in SRV_PID)
one_start() {
    local state=$1 keep=${2:-} start end line
    start=$(date +%s%N)
    coproc SRV {
        HOME=$work/home TELEGRAM_STATE_DIR=$state TELEGRAM_API_URL=http://127.0.0.1:9 exec "${CMD[@]}" 2>>"$work/stderr"
    }
    printf '%s\n' "$INIT" >&"${SRV[1]}"
    while read -r -t 60 line <&"${SRV[0]}"; do [[ $line == *'"id":1'* ]] && break; done
    printf '%s\n%s\n' "$INITIALIZED" "$LIST" >&"${SRV[1]}"
    while read -r -t 60 line <&"${SRV[0]}"; do [[ $line == *'"id":2'* ]] && break; done
    end=$(date +%s%N)
    if [[ $line != *'"tools"'* ]]; then
        echo "bench: no tools/list answer; the server said:" >&2
        tail -5 "$work/stderr" >&2
        exit 1
    fi
    echo $(((end - start) / 1000000))
    if [[ $keep != keep ]]; then
        local pid=$SRV_PID
        eval "exec ${SRV[1]}>&-"
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
}

# Other work on the machine skews start-up times: before each run, wait (at most IDLE_WAIT s) until the CPUs were at
# least 85 % idle for half a second. Runs that had to start on a busy machine are counted and reported.
busy_runs=0
wait_idle() {
    local deadline=$((SECONDS + ${IDLE_WAIT:-120})) a b idle
    while ((SECONDS < deadline)); do
        read -ra a </proc/stat
        sleep 0.5
        read -ra b </proc/stat
        local total=0 k
        for k in 1 2 3 4 5 6 7 8; do total=$((total + b[k] - a[k])); done
        idle=$(((b[4] + b[5] - a[4] - a[5]) * 100 / (total + 1)))
        ((idle >= 85)) && return 0
    done
    busy_runs=$((busy_runs + 1))
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

mkdir -p "$work/home"
declare -a rows
for jhome in "${jdks[@]}"; do
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$jhome/release")
    if [[ " $modes " == *" cached "* ]]; then
        runtime=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$jhome/release" | tr -c 'A-Za-z0-9.+_\n-' '_')
        for app in "${app_dirs[@]}"; do
            ls "$app/start-cache/java-$runtime".* >/dev/null 2>&1 \
                || TELEGRAM_MCP_APP_DIR="$app" "$(dirname -- "$(launcher_of "$app")")/build-start-cache" "$jhome"
        done
    fi
    for mode in $modes; do
        declare -A times=()
        for a in "${!app_dirs[@]}"; do
            command_for "$jhome" "$mode" "${app_dirs[a]}"
            one_start "$work/state-$version-$mode-$a" >/dev/null # warm-up: creates the database, fills the page cache
        done
        # The builds take turns, so that a busy spell on the machine slows each of them alike.
        for ((i = 0; i < runs; i++)); do
            for a in "${!app_dirs[@]}"; do
                command_for "$jhome" "$mode" "${app_dirs[a]}"
                wait_idle
                times[$a]+="$(one_start "$work/state-$version-$mode-$a") "
            done
        done
        first=
        for a in "${!app_dirs[@]}"; do
            # shellcheck disable=SC2086 # one number per word
            med=$(printf '%s\n' ${times[$a]} | median)
            ratio=
            if [[ -z $first ]]; then
                first=$med
            else
                ratio=$(awk -v a="$med" -v b="$first" -v l="${app_labels[0]}" 'BEGIN {printf "  (%.2f x %s)", a / b, l}')
            fi
            name=$(row_name "$version" "$mode" "${app_labels[a]}")
            rows+=("$(printf '%s median %5d ms%s   runs: %s' "$name" "$med" "$ratio" "${times[$a]}")")
            echo "${rows[-1]}"
        done
        unset times
    done
done

((busy_runs == 0)) || echo "($busy_runs runs started while other work kept the CPUs busy; their times are high)"
echo
# The fake Bot API for the configured servers; each server gets its own token (bot id 100001, 100002, ...) so that
# the fake counts the polls of each apart and no two servers poll the same bot (Telegram would answer 409).
n_servers=$((${#jdks[@]} * $(wc -w <<<"$modes") * ${#app_dirs[@]}))
tokens=()
for ((i = 1; i <= n_servers; i++)); do tokens+=("$((100000 + i)):bench-token-abcdefghijklmnopqrstuvw"); done
fake_port=
if command -v node >/dev/null; then
    mkfifo "$work/fake.in"
    node "$root/bench/fake-bot-api.mjs" "${tokens[@]}" <"$work/fake.in" >"$work/fake.out" 2>>"$work/fake.err" &
    fake_pid=$!
    exec {fake_fd}>"$work/fake.in" # the fake exits when this closes, even if this script is killed
    for ((t = 0; t < 100; t++)); do
        fake_port=$(head -n 1 "$work/fake.out" 2>/dev/null || true)
        [[ $fake_port == *[0-9] ]] && break
        sleep 0.1
    done
    if [[ ! $fake_port =~ ^[0-9]+$ ]]; then
        echo "bench: the fake Bot API did not start:" >&2
        cat "$work/fake.err" >&2
        exit 1
    fi
    configs=("no token" configured)
else
    echo "(node not found: only the \"no token\" rows; install Node 18+ for the configured rows)"
    configs=("no token")
fi

# The fake's counts per bot id, as lines "BOT_ID polling_s=N method=count ..." (HTTP/1.0 over bash's /dev/tcp).
fake_stats() {
    local fd line
    exec {fd}<>"/dev/tcp/127.0.0.1/$fake_port"
    printf 'GET /stats?format=text HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd"
    while IFS= read -r line <&"$fd" && [[ $line != $'\r' && -n $line ]]; do :; done # headers
    cat <&"$fd"
    eval "exec ${fd}>&-"
}

echo "Resident memory after ${idle} s idle (\"no token\": initialize + tools/list answered, then nothing; talks to"
echo "nobody. \"configured\": long-polls a fake Bot API on 127.0.0.1, and before idling sent $notifies Markdown"
echo "notifications and a code message and waited 2 s for a reply):"
declare -a idle_pids idle_names idle_outs idle_fds idle_bots idle_started
n=0
bots=0
for jhome in "${jdks[@]}"; do
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$jhome/release")
    for mode in $modes; do
      for a in "${!app_dirs[@]}"; do
        command_for "$jhome" "$mode" "${app_dirs[a]}"
        for config in "${configs[@]}"; do
            n=$((n + 1))
            out=$work/idle-$n.out
            mkfifo "$work/idle-$n.in"
            if [[ $config == configured ]]; then
                settings=(TELEGRAM_BOT_TOKEN="${tokens[bots]}" TELEGRAM_CHAT_ID=4242
                    TELEGRAM_API_URL="http://127.0.0.1:$fake_port")
                idle_bots+=("${tokens[bots]%%:*}")
                bots=$((bots + 1))
            else
                settings=(TELEGRAM_API_URL=http://127.0.0.1:9)
                idle_bots+=("")
            fi
            HOME=$work/home TELEGRAM_STATE_DIR=$work/rss-$n env "${settings[@]}" \
                "${CMD[@]}" <"$work/idle-$n.in" >"$out" 2>>"$work/stderr" &
            idle_pids+=($!)
            idle_started+=("$SECONDS")
            exec {fd}>"$work/idle-$n.in"
            idle_fds+=("$fd")
            printf '%s\n' "$INIT" >&"$fd"
            idle_names+=("$(printf '%s %-10s' "$(row_name "$version" "$mode" "${app_labels[a]}")" "$config")")
            idle_outs+=("$out")
        done
      done
    done
done
for i in "${!idle_outs[@]}"; do
    for ((t = 0; t < 600; t++)); do grep -q '"id":1' "${idle_outs[$i]}" 2>/dev/null && break; sleep 0.1; done
    printf '%s\n%s\n' "$INITIALIZED" "$LIST" >&"${idle_fds[$i]}"
done
# The configured servers work at the same time, each one call after the other (Telegram's pacing spreads the sends).
declare -a workers
for i in "${!idle_outs[@]}"; do
    for ((t = 0; t < 600; t++)); do grep -q '"id":2' "${idle_outs[$i]}" 2>/dev/null && break; sleep 0.1; done
    [[ -n ${idle_bots[$i]} ]] || continue
    (
        out=${idle_outs[$i]} fd=${idle_fds[$i]}
        for ((k = 100; k < 100 + notifies; k++)); do
            notify_call "$k" >&"$fd"
            printf '\n' >&"$fd"
            for ((t = 0; t < 600; t++)); do grep -q "\"id\":$k," "$out" 2>/dev/null && break; sleep 0.1; done
        done
        printf '%s\n' "${WORK[@]}" >&"$fd"
        for ((t = 0; t < 600; t++)); do grep -q '"id":4,' "$out" 2>/dev/null && break; sleep 0.1; done
    ) &
    workers+=($!)
done
for w in "${workers[@]}"; do wait "$w"; done
for i in "${!idle_outs[@]}"; do
    [[ -n ${idle_bots[$i]} ]] || continue
    ok=$(grep -c '"isError":false' "${idle_outs[$i]}" || true)
    if grep -q '"isError":true' "${idle_outs[$i]}" || ((ok != notifies + 2)); then
        echo "bench: ${idle_names[$i]} answered $ok of $((notifies + 2)) tool calls without error:" >&2
        grep '"isError":true' "${idle_outs[$i]}" | cut -c1-300 >&2
        exit 1
    fi
done
sleep "$idle"
stats=''
stats_at=$SECONDS
if [[ -n $fake_port ]]; then stats=$(fake_stats) || true; fi
for i in "${!idle_pids[@]}"; do
    rss=$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/${idle_pids[$i]}/status" 2>/dev/null || true)
    # Private: what this process alone costs; the rest is file pages (jars, JDK, start-up cache) shared by all.
    anon=$(awk '/^RssAnon/ {print int($2/1024)}' "/proc/${idle_pids[$i]}/status" 2>/dev/null || true)
    echo "${idle_names[$i]} RSS ${rss:-?} MB (private ${anon:-?} MB)"
done
if [[ -n $fake_port ]]; then
    echo
    echo "Calls the fake Bot API received from each configured server, and for how long it has polled (long polls"
    echo "of 8 s: expect about one getUpdates per 8 s, plus the one in progress):"
    for i in "${!idle_pids[@]}"; do
        [[ -n ${idle_bots[$i]} ]] || continue
        line=$(awk -v bot="${idle_bots[$i]}" '$1 == bot' <<<"$stats")
        rest=${line#* } # "polling_s=N method=count ..."
        polling=${rest%% *}
        polling=${polling#polling_s=}
        calls=''
        [[ $rest != *' '* ]] || calls=${rest#* }
        polls=$(grep -o 'getUpdates=[0-9]*' <<<"$calls" | cut -d= -f2 || true)
        if ((${polls:-0} > 0)); then
            printf '%s getUpdates %3d in %3d s of polling   (%s)\n' "${idle_names[$i]}" "$polls" "$polling" "$calls"
        else
            printf '%s NOT POLLING: no getUpdates in %d s since its start   (%s)\n' "${idle_names[$i]}" \
                $((stats_at - idle_started[i])) "${calls:-no calls}"
        fi
    done
fi
for i in "${!idle_pids[@]}"; do
    eval "exec ${idle_fds[$i]}>&-"
    kill "${idle_pids[$i]}" 2>/dev/null || true
done
if [[ -n $fake_pid ]]; then
    eval "exec ${fake_fd}>&-"
    kill "$fake_pid" 2>/dev/null || true
    fake_pid='' fake_fd=''
fi
wait 2>/dev/null || true
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
