#!/usr/bin/env bash
# What each memory setting saves: runs one configured server per variant at the same time (each polls its own bot on
# bench/fake-bot-api.mjs, sends NOTIFY Markdown notifications, a code message and waits 2 s for a reply, as in
# bench/startup.sh), lets them idle IDLE seconds together, then prints each one's resident memory (RSS), private
# memory (RssAnon) and, with NMT=1, the JVM's own account (jcmd VM.native_memory summary; the variants then all run
# with -XX:NativeMemoryTracking=summary, which itself costs a few MB).
#
# Usage: bench/memory-settings.sh 'label|ENV=value ...|JVM options' ...
#   e.g. bench/memory-settings.sh 'base||' 'arena2|MALLOC_ARENA_MAX=2|' 'ci1||-XX:CICompilerCount=1'
#   The JVM options are appended to the launcher's (TELEGRAM_MCP_JAVA_OPTS); the environment assignments are set for
#   the server only. Java: $JAVA_HOME or the java on PATH; the launcher uses its start-up cache when there is one.
# Env:   IDLE (60 s), NOTIFY (10), NMT (0), DETAIL (0; 1: also the private memory per mapping, heap and metaspace
#        from jcmd GC.heap_info, and the heap after a full GC), TELEGRAM_MCP_APP_DIR (the build; default
#        target/quarkus-app)
set -euo pipefail

root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
launcher=$root/bin/telegram-mcp-server
idle=${IDLE:-60}
notifies=${NOTIFY:-10}
nmt=${NMT:-0}
detail=${DETAIL:-0}
[[ $# -gt 0 ]] || { sed -n '2,13p' "${BASH_SOURCE[0]}" >&2; exit 1; }
command -v node >/dev/null || { echo "bench: needs Node 18+ (node) for bench/fake-bot-api.mjs" >&2; exit 1; }
unset TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID XDG_CONFIG_HOME TELEGRAM_MCP_JAVA_OPTS
jhome=${JAVA_HOME:-$(dirname -- "$(dirname -- "$(readlink -f -- "$(command -v java)")")")}

# shellcheck source=bench/lib.sh
source "$root/bench/lib.sh"
bench_workdir memset
declare -a labels

tokens=()
for ((i = 1; i <= $#; i++)); do tokens+=("$((200000 + i)):bench-token-abcdefghijklmnopqrstuvw"); done
bench_start_fake "${tokens[@]}"

DETAILS='# Report\n\n- **bold** item\n- `code` and a [link](https://example.org)\n\n```java\nclass A { int x; }\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |'

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs); Java $("$jhome/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)"
mkdir -p "$work/home"
n=0
for variant in "$@"; do
    IFS='|' read -r label envs opts <<<"$variant"
    extra=$opts
    ((nmt == 0)) || extra="-XX:NativeMemoryTracking=summary $extra"
    mkfifo "$work/in-$n"
    # shellcheck disable=SC2086 # the assignments are meant to be split into words
    env HOME="$work/home" TELEGRAM_STATE_DIR="$work/state-$n" TELEGRAM_BOT_TOKEN="${tokens[n]}" TELEGRAM_CHAT_ID=4242 \
        TELEGRAM_API_URL="http://127.0.0.1:$port" JAVA_HOME="$jhome" TELEGRAM_MCP_JAVA_OPTS="$extra" $envs \
        "$launcher" <"$work/in-$n" >"$work/out-$n" 2>>"$work/stderr" &
    pids+=($!)
    exec {fd}>"$work/in-$n"
    fds+=("$fd")
    outs+=("$work/out-$n")
    labels+=("$label")
    printf '%s\n' "$INIT" >&"$fd"
    n=$((n + 1))
done
for ((i = 0; i < n; i++)); do
    await_line "${outs[i]}" '"id":1'
    printf '%s\n%s\n' '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
        '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' >&"${fds[i]}"
done
for ((i = 0; i < n; i++)); do
    (
        await_line "${outs[i]}" '"id":2'
        for ((k = 100; k < 100 + notifies; k++)); do
            printf '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"telegram_notify","arguments":{"event":"progress","summary":"Step %d","details":"%s"}}}\n' \
                "$k" "$k" "$DETAILS" >&"${fds[i]}"
            await_line "${outs[i]}" "\"id\":$k,"
        done
        printf '%s\n' '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"telegram_send_code","arguments":{"code":"def f(x):\n    return x * 2\n","language":"python"}}}' \
            '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"telegram_wait_reply","arguments":{"max_wait":2}}}' >&"${fds[i]}"
        await_line "${outs[i]}" '"id":4,'
    ) &
done
wait_workers() { local p; for p in $(jobs -p); do [[ $p == "$fake_pid" || " ${pids[*]} " == *" $p "* ]] || wait "$p"; done; }
wait_workers
for ((i = 0; i < n; i++)); do
    if grep -q '"isError":true' "${outs[i]}"; then
        echo "bench: ${labels[i]} answered a tool call with an error: $(grep '"isError":true' "${outs[i]}" | cut -c1-300)" >&2
        exit 1
    fi
done
sleep "$idle"
printf '%-16s %8s %12s %8s   %s\n' variant "RSS MB" "private MB" threads "(JVM options; environment)"
for ((i = 0; i < n; i++)); do
    IFS='|' read -r label envs opts <<<"${@:i+1:1}"
    rss=$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/${pids[i]}/status")
    anon=$(awk '/^RssAnon/ {print int($2/1024)}' "/proc/${pids[i]}/status")
    threads=$(awk '/^Threads/ {print $2}' "/proc/${pids[i]}/status")
    printf '%-16s %8s %12s %8s   (%s; %s)\n' "$label" "$rss" "$anon" "$threads" "${opts:-none}" "${envs:-none}"
done
if ((nmt != 0)); then
    for ((i = 0; i < n; i++)); do
        echo
        echo "== ${labels[i]}: jcmd VM.native_memory summary (committed, KB)"
        "$jhome/bin/jcmd" "${pids[i]}" VM.native_memory summary 2>/dev/null \
            | grep -E '^(Total|-)' | sed -E 's/reserved=[0-9]+KB, //; s/\s+/ /g'
    done
fi
if ((detail != 0)); then
    for ((i = 0; i < n; i++)); do
        echo
        echo "== ${labels[i]}: private memory by mapping (KB, the largest), then the heap"
        awk '/^[0-9a-f]+-[0-9a-f]+ / {name = $6; if (name == "") name = "[anonymous: heap, metaspace, code, stacks, malloc]"}
            /^Anonymous:/ {a[name] += $2} END {for (m in a) if (a[m] >= 1024) printf "%8d %s\n", a[m], m}' \
            "/proc/${pids[i]}/smaps" | sort -rn | sed "s|$root/||"
        "$jhome/bin/jcmd" "${pids[i]}" GC.heap_info 2>/dev/null | grep -E 'total|Metaspace|class space' | sed 's/^ */   /'
        echo "   live objects by class (jcmd GC.class_histogram, the largest):"
        "$jhome/bin/jcmd" "${pids[i]}" GC.class_histogram 2>/dev/null | sed -n '4,18p' | sed 's/^ */   /'
        "$jhome/bin/jcmd" "${pids[i]}" GC.run >/dev/null 2>&1 || true
        echo "   after a full GC (jcmd GC.run):"
        "$jhome/bin/jcmd" "${pids[i]}" GC.heap_info 2>/dev/null | grep -E 'generation +total|DefNew|Tenured' | sed 's/^ */   /'
        echo "   RSS $(awk '/^VmRSS/ {print int($2/1024)}' "/proc/${pids[i]}/status") MB, private $(awk '/^RssAnon/ {print int($2/1024)}' "/proc/${pids[i]}/status") MB after it"
    done
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
