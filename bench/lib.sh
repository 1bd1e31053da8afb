# shellcheck shell=bash
# Sourced by the benchmarks that run configured servers over stdio against bench/fake-bot-api.mjs (memory-settings.sh,
# wait-cpu.sh): a work directory that is removed at exit together with every process started through it, the fake Bot
# API, the MCP initialize request, and a wait for a line in a server's output.
# Needs $root (the project). Sets $work, $port; the caller appends its servers to pids, fds (their stdin) and outs.

declare -a pids=() fds=() outs=()
fake_pid='' fake_fd='' work='' port=''

INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},'
INIT+='"clientInfo":{"name":"bench","version":"1"}}}'

bench_cleanup() {
    local fd pid
    for fd in "${fds[@]}"; do eval "exec ${fd}>&-" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [[ -z $fake_fd ]] || eval "exec ${fake_fd}>&-"
    [[ -z $fake_pid ]] || kill "$fake_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    [[ -z $work ]] || rm -rf "$work"
}

# bench_workdir NAME: a fresh work directory in $TMPDIR, removed at exit after the servers and the fake are stopped.
bench_workdir() {
    work=$(mktemp -d "${TMPDIR:-/tmp}/telegram-mcp-$1.XXXXXX")
    trap bench_cleanup EXIT
}

# bench_start_fake TOKEN...: starts the fake Bot API for these bot tokens and sets $port once it listens.
bench_start_fake() {
    local t
    mkfifo "$work/fake.in"
    node "$root/bench/fake-bot-api.mjs" "$@" <"$work/fake.in" >"$work/fake.out" 2>>"$work/fake.err" &
    fake_pid=$!
    exec {fake_fd}>"$work/fake.in"
    for ((t = 0; t < 100; t++)); do
        port=$(head -n 1 "$work/fake.out" 2>/dev/null || true)
        [[ $port == *[0-9] ]] && break
        sleep 0.1
    done
    [[ $port =~ ^[0-9]+$ ]] || { echo "bench: the fake Bot API did not start" >&2; cat "$work/fake.err" >&2; exit 1; }
}

# await_line FILE PATTERN: waits up to 120 s for PATTERN in FILE (a server's stdout); else shows its stderr and exits.
await_line() {
    local t
    for ((t = 0; t < 1200; t++)); do grep -q -- "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "bench: no '$2' in $1; the server said:" >&2
    tail -5 "$work/stderr" >&2
    exit 1
}
