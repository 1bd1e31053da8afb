#!/usr/bin/env bash
# Start-up CPU: the CPU time each thread of the server has used when the first tools/list is answered, median of RUNS
# starts (after one warm-up that creates the database), through the launcher with its start-up cache. On a machine
# busy with other work the wall-clock time to the answer mostly says how much CPU the process got; the CPU it needed
# changes much less with the load, and its split over the threads shows where the time goes (the main thread: boot;
# the C1 compiler; the VM thread: garbage collections; JPA Startup: Hibernate's session factory).
#
# Usage: bench/startup-cpu.sh [JAVA_HOME]   (default: $JAVA_HOME or the java on PATH)
# Env:   RUNS (5), APPS (builds to compare, "label=quarkus-app-dir ...", as in bench/startup.sh; each starts through
#        the launcher of its own checkout when quarkus-app sits in one), OPTS (JVM options for every start)
set -euo pipefail

root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
runs=${RUNS:-5}
jhome=${1:-${JAVA_HOME:-$(dirname -- "$(dirname -- "$(readlink -f -- "$(command -v java)")")")}}
unset TELEGRAM_BOT_TOKEN TELEGRAM_CHAT_ID XDG_CONFIG_HOME TELEGRAM_MCP_JAVA_OPTS
declare -a labels apps
for entry in ${APPS:-"=$root/target/quarkus-app"}; do
    labels+=("${entry%%=*}")
    apps+=("$(cd -P -- "${entry#*=}" && pwd -P)")
done
work=$(mktemp -d "${TMPDIR:-/tmp}/telegram-mcp-startcpu.XXXXXX")
# The detached store host the runs started ends 30 s after the last session; its directory goes after it.
trap '(sleep 40; rm -rf "$work") >/dev/null 2>&1 &' EXIT
mkdir -p "$work/home"
INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},'
INIT+='"clientInfo":{"name":"bench","version":"1"}}}'

launcher_of() {
    local own
    own=$(dirname -- "$(dirname -- "$1")")/bin/telegram-mcp-server
    if [[ -x $own ]]; then printf '%s' "$own"; else printf '%s' "$root/bin/telegram-mcp-server"; fi
}

# One start of build $1: appends "wall_ms total_ms thread=ms ..." to $work/runs-$1
one_start() {
    local a=$1 start end line pid t name
    start=$(date +%s%N)
    coproc SRV {
        HOME=$work/home TELEGRAM_STATE_DIR=$work/state-$a TELEGRAM_API_URL=http://127.0.0.1:9 JAVA_HOME=$jhome \
            TELEGRAM_MCP_APP_DIR=${apps[a]} TELEGRAM_MCP_JAVA_OPTS=${OPTS:-} exec "$(launcher_of "${apps[a]}")" \
            2>>"$work/stderr"
    }
    pid=$SRV_PID
    printf '%s\n' "$INIT" >&"${SRV[1]}"
    while read -r -t 60 line <&"${SRV[0]}"; do [[ $line == *'"id":1'* ]] && break; done
    printf '%s\n%s\n' '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
        '{"jsonrpc":"2.0","id":2,"method":"tools/list"}' >&"${SRV[1]}"
    while read -r -t 60 line <&"${SRV[0]}"; do [[ $line == *'"id":2'* ]] && break; done
    end=$(date +%s%N)
    [[ $line == *'"tools"'* ]] || { echo "bench: no tools/list answer" >&2; tail -5 "$work/stderr" >&2; exit 1; }
    {
        printf '%d' $(((end - start) / 1000000))
        # schedstat's first field: nanoseconds on a CPU; comm may contain spaces, so it is read on its own.
        for t in /proc/"$pid"/task/*; do
            name=$({ tr ' ' '_' <"$t/comm"; } 2>/dev/null) || continue # a thread that ended meanwhile
            printf ' %s=%d' "$name" "$(($(cut -d' ' -f1 "$t/schedstat" 2>/dev/null || echo 0) / 1000000))"
        done
        echo
    } >>"$work/runs-$a"
    eval "exec ${SRV[1]}>&-"
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs); Java $("$jhome/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2)"
for a in "${!apps[@]}"; do
    one_start "$a"
    : >"$work/runs-$a"
done
for ((i = 0; i < runs; i++)); do
    for a in "${!apps[@]}"; do one_start "$a"; done
done
first=
for a in "${!apps[@]}"; do
    # per run: the sum over threads; per thread name: the median over runs (threads of one name summed per run)
    summary=$(awk '{
            total = 0; delete per
            for (i = 2; i <= NF; i++) { split($i, kv, "="); per[kv[1]] += kv[2]; total += kv[2] }
            wall[NR] = $1; tot[NR] = total
            for (k in per) { v[k, NR] = per[k]; names[k] = 1 }
        }
        function median(arr, n,   s, i, j, t) {
            for (i = 1; i <= n; i++) s[i] = arr[i]
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
            return n % 2 ? s[(n + 1) / 2] : int((s[n / 2] + s[n / 2 + 1]) / 2)
        }
        END {
            n = NR
            printf "%d %d", median(wall, n), median(tot, n)
            for (k in names) { for (r = 1; r <= n; r++) col[r] = v[k, r] + 0; m = median(col, n); if (m >= 10) printf " %s=%d", k, m }
            print ""
        }' "$work/runs-$a")
    read -r wall total threads <<<"$summary"
    ratio=
    if [[ -z $first ]]; then first=$total; else ratio=$(awk -v a="$total" -v b="$first" -v l="${labels[0]}" 'BEGIN {printf " (%.2f x %s)", a / b, l}'); fi
    printf '%-8s CPU to the first tools/list: median %5d ms%s; wall %5d ms; by thread: %s\n' "${labels[a]:-build}" \
        "$total" "$ratio" "$wall" "$(tr ' ' '\n' <<<"$threads" | sort -t= -k2 -rn | tr '\n' ' ')"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
