#!/usr/bin/env bash
# CPU of waiting processes: two configured servers share a state directory and a fake Bot API (the first one started
# polls Telegram and hosts the H2 database; the second one is a plain session). Prints the CPU seconds per minute of
# each, first idle (initialized, no call in flight), then waiting with nothing to receive (a telegram_wait_reply with a
# progress token in flight), and the threads that used the most CPU in each.
#
# Usage: bench/wait-cpu.sh [JAVA_HOME]   (default: $JAVA_HOME or the java on PATH). Needs a packaged build
#        (./mvnw package, or TELEGRAM_MCP_APP_DIR) and Node 18+ for bench/fake-bot-api.mjs.
# Env:   SECONDS_EACH (60: length of each measurement), WARM (20 s after start-up before the idle measurement),
#        MODE (cached: the launcher with its start-up cache; launcher: without; plain: java -jar), TOP (8 threads)
set -euo pipefail

root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
app=${TELEGRAM_MCP_APP_DIR:-$root/target/quarkus-app}
app=$(cd -P -- "$app" && pwd -P)
[[ -f $app/quarkus-run.jar ]] || { echo "bench: $app/quarkus-run.jar is missing; build first: ./mvnw package" >&2; exit 1; }
jhome=${1:-${JAVA_HOME:-$(dirname -- "$(dirname -- "$(readlink -f -- "$(command -v java)")")")}}
each=${SECONDS_EACH:-60}
warm=${WARM:-20}
mode=${MODE:-cached}
top=${TOP:-8}
start=$(dirname -- "$(dirname -- "$app")")/bin/telegram-mcp-server
[[ -x $start ]] || start=$root/bin/telegram-mcp-server
case $mode in
    plain) CMD=("$jhome/bin/java" -jar "$app/quarkus-run.jar") ;;
    launcher) CMD=(env JAVA_HOME="$jhome" TELEGRAM_MCP_APP_DIR="$app" TELEGRAM_MCP_START_CACHE=off "$start") ;;
    cached) CMD=(env JAVA_HOME="$jhome" TELEGRAM_MCP_APP_DIR="$app" "$start") ;;
    *) echo "bench: MODE must be plain, launcher or cached" >&2; exit 1 ;;
esac
unset TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID XDG_CONFIG_HOME
if [[ $mode == cached ]]; then
    runtime=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$jhome/release" | tr -c 'A-Za-z0-9.+_\n-' '_')
    ls "$app/start-cache/java-$runtime".* >/dev/null 2>&1 \
        || echo "(no start-up cache for this Java in $app: the launcher starts without it; bin/build-start-cache builds it)"
fi

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_workdir waitcpu

token=100001:bench-token-abcdefghijklmnopqrstuvw
bench_start_fake "$token"

INITIALIZED='{"jsonrpc":"2.0","method":"notifications/initialized"}'
LIST='{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
WAIT='{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"telegram_wait_reply","arguments":{"max_wait":3600},"_meta":{"progressToken":"p3"}}}'

mkdir -p "$work/home"
for n in 0 1; do
    mkfifo "$work/in-$n"
    HOME=$work/home TELEGRAM_STATE_DIR=$work/state TELEGRAM_BOT_TOKEN=$token TELEGRAM_CHAT_ID=4242 \
        TELEGRAM_API_URL="http://127.0.0.1:$port" TELEGRAM_SESSION="bench$n" \
        "${CMD[@]}" <"$work/in-$n" >"$work/out-$n" 2>>"$work/stderr" &
    pids+=($!)
    exec {fd}>"$work/in-$n"
    fds+=("$fd")
    outs+=("$work/out-$n")
    printf '%s\n' "$INIT" >&"$fd"
    await_line "$work/out-$n" '"id":1'
    printf '%s\n%s\n' "$INITIALIZED" "$LIST" >&"$fd"
    await_line "$work/out-$n" '"id":2'
done
# The launcher execs java: the pid is the JVM's.
names=("polls and hosts the database" "session only")

ticks_of() { # pid -> utime+stime of the process (threads that ended included)
    local s
    s=$(<"/proc/$1/stat")
    s=${s##*) }
    read -ra f <<<"$s"
    echo $((f[11] + f[12]))
}

threads_of() { # pid -> lines "tid ticks name"
    local task s name
    for task in /proc/"$1"/task/*; do
        s=$(<"$task/stat") 2>/dev/null || continue
        name=${s#*(}
        name=${name%)*}
        s=${s##*) }
        read -ra f <<<"$s"
        printf '%s %d %s\n' "${task##*/}" $((f[11] + f[12])) "${name// /_}"
    done
}

hz=$(getconf CLK_TCK)
measure() { # label
    local label=$1 i
    declare -a before
    for i in 0 1; do
        before[i]=$(ticks_of "${pids[i]}")
        threads_of "${pids[i]}" >"$work/threads-$i.before"
    done
    local t0 t1
    t0=$(date +%s%N)
    sleep "$each"
    t1=$(date +%s%N)
    for i in 0 1; do
        local after per
        after=$(ticks_of "${pids[i]}")
        per=$(awk -v t=$((after - before[i])) -v hz="$hz" -v ns=$((t1 - t0)) 'BEGIN {printf "%.2f", t / hz / (ns / 60e9)}')
        printf '%-8s %-30s %5s s CPU per minute\n' "$label" "${names[i]}" "$per"
        if ((top > 0)); then
            threads_of "${pids[i]}" >"$work/threads-$i.after"
            awk -v hz="$hz" -v top="$top" 'NR == FNR {b[$1] = $2; next}
                {d = $2 - b[$1]; if (d > 0) {sum[$3] += d}}
                END {for (n in sum) printf "%d %s\n", sum[n], n}' "$work/threads-$i.before" "$work/threads-$i.after" \
                | sort -rn | head -n "$top" \
                | awk -v hz="$hz" '{printf "           thread %-32s %5.2f s\n", $2, $1 / hz}'
        fi
    done
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs); Java $("$jhome/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2), mode $mode"
sleep "$warm"
measure idle
for i in 0 1; do printf '%s\n' "$WAIT" >&"${fds[i]}"; done
sleep 3
measure waiting
for i in 0 1; do
    progress=$(grep -c '"notifications/progress"' "${outs[i]}" || true)
    if grep -q '"id":3,' "${outs[i]}"; then
        echo "bench: the wait of ${names[i]} ended early: $(grep '"id":3,' "${outs[i]}" | cut -c1-300)" >&2
        exit 1
    fi
    echo "progress notifications received while waiting (${names[i]}): $progress"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
