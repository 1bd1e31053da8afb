#!/usr/bin/env bash
# Start-up benchmark: time from process start to the answers of `initialize` and the first `tools/list`, median of
# RUNS runs (after one warm-up), for each JDK and mode; then resident memory after IDLE seconds idle.
#
# Usage: bench/startup.sh [JAVA_HOME...]   (default: $JAVA_HOME or the java on PATH, plus any Java 25+ found in
#        /usr/lib/jvm). Needs a packaged build (./mvnw package); builds missing start-up caches itself.
# Env:   RUNS (10), IDLE (60 s), MODES ("plain launcher cached"), IDLE_WAIT (120 s: how long each run may wait
#        for an idle machine)
#   plain     java -jar quarkus-run.jar with no options (the baseline)
#   launcher  bin/telegram-mcp-server without its start-up cache
#   cached    bin/telegram-mcp-server with the AppCDS archive (Java 17-24) or AOT cache (Java 25+)
# The server runs with a throw-away HOME and state directory and no Telegram token, so it talks to nobody.
set -euo pipefail

root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
app=$root/target/quarkus-app
launcher=$root/bin/telegram-mcp-server
runs=${RUNS:-10}
idle=${IDLE:-60}
modes=${MODES:-plain launcher cached}
[[ -f $app/quarkus-run.jar ]] || { echo "bench: build first: ./mvnw package" >&2; exit 1; }

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
trap 'rm -rf "$work"' EXIT
INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},'
INIT+='"clientInfo":{"name":"bench","version":"1"}}}'
INITIALIZED='{"jsonrpc":"2.0","method":"notifications/initialized"}'
LIST='{"jsonrpc":"2.0","id":2,"method":"tools/list"}'

# command for a JDK and mode, as an array in CMD
command_for() {
    local jhome=$1 mode=$2
    case $mode in
        plain) CMD=("$jhome/bin/java" -jar "$app/quarkus-run.jar") ;;
        launcher) CMD=(env JAVA_HOME="$jhome" TELEGRAM_MCP_START_CACHE=off "$launcher") ;;
        cached) CMD=(env JAVA_HOME="$jhome" "$launcher") ;;
    esac
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
        ls "$app/start-cache/java-$runtime".* >/dev/null 2>&1 || "$root/bin/build-start-cache" "$jhome"
    fi
    for mode in $modes; do
        command_for "$jhome" "$mode"
        state=$work/state-$version-$mode
        one_start "$state" >/dev/null # warm-up: creates the database, fills the page cache
        times=()
        for ((i = 0; i < runs; i++)); do
            wait_idle
            times+=("$(one_start "$state")")
        done
        med=$(printf '%s\n' "${times[@]}" | median)
        rows+=("$(printf 'Java %-8s %-9s median %5d ms   runs: %s' "$version" "$mode" "$med" "${times[*]}")")
        echo "${rows[-1]}"
    done
done

((busy_runs == 0)) || echo "($busy_runs runs started while other work kept the CPUs busy; their times are high)"
echo
echo "Resident memory after ${idle} s idle (initialize + tools/list answered, then nothing):"
declare -a idle_pids idle_names idle_outs idle_fds
n=0
for jhome in "${jdks[@]}"; do
    version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$jhome/release")
    for mode in $modes; do
        command_for "$jhome" "$mode"
        n=$((n + 1))
        out=$work/idle-$n.out
        mkfifo "$work/idle-$n.in"
        HOME=$work/home TELEGRAM_STATE_DIR=$work/rss-$n TELEGRAM_API_URL=http://127.0.0.1:9 \
            "${CMD[@]}" <"$work/idle-$n.in" >"$out" 2>>"$work/stderr" &
        idle_pids+=($!)
        exec {fd}>"$work/idle-$n.in"
        idle_fds+=("$fd")
        printf '%s\n' "$INIT" >&"$fd"
        idle_names+=("$(printf 'Java %-8s %-9s' "$version" "$mode")")
        idle_outs+=("$out")
    done
done
for i in "${!idle_outs[@]}"; do
    for ((t = 0; t < 600; t++)); do grep -q '"id":1' "${idle_outs[$i]}" 2>/dev/null && break; sleep 0.1; done
    printf '%s\n%s\n' "$INITIALIZED" "$LIST" >&"${idle_fds[$i]}"
    for ((t = 0; t < 600; t++)); do grep -q '"id":2' "${idle_outs[$i]}" 2>/dev/null && break; sleep 0.1; done
done
sleep "$idle"
for i in "${!idle_pids[@]}"; do
    rss=$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/${idle_pids[$i]}/status" 2>/dev/null || true)
    # Private: what this process alone costs; the rest is file pages (jars, JDK, start-up cache) shared by all.
    anon=$(awk '/^RssAnon/ {print int($2/1024)}' "/proc/${idle_pids[$i]}/status" 2>/dev/null || true)
    echo "${idle_names[$i]} RSS ${rss:-?} MB (private ${anon:-?} MB)"
    eval "exec ${idle_fds[$i]}>&-"
    kill "${idle_pids[$i]}" 2>/dev/null || true
done
wait 2>/dev/null || true
