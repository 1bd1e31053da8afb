#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests of the shared-database mode.
#
#   ci/postgres.sh start DIR [PORT]   installs Debian's postgresql if needed (as root or through sudo -n), creates a
#                                     cluster in DIR owned by the postgres user, starts it on 127.0.0.1:PORT (default: a
#                                     free port) with its socket in DIR, and prints the URL the tests take (-Dpg.url=...)
#   ci/postgres.sh stop DIR           stops that cluster (nothing else) and removes DIR
#
# The role tgmcp (password tgmcp-test, may create databases: every test takes a database of its own) and its database
# tgmcp are created. Nothing outside DIR is touched; no other cluster is started or stopped.
set -euo pipefail

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    [ -n "$d" ] && [ -x "$d/initdb" ] && printf '%s\n' "$d"
}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else as_root runuser -u postgres -- "$@"; fi
}

# A port nothing listens on: the kernel's choice through Node when there is one, else a random high port that refuses.
free_port() {
    if command -v node >/dev/null; then
        node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
        return
    fi
    local p
    while :; do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
}

case ${1:-} in
start)
    dir=${2:?usage: ci/postgres.sh start DIR [PORT]}
    port=${3:-$(free_port)}
    bin=$(bindir || true)
    if [ -z "$bin" ]; then
        echo "== installing PostgreSQL from Debian's packages" >&2
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        bin=$(bindir)
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd -P)
    as_root chown postgres "$dir"
    chmod 0700 "$dir"
    pwfile=$dir/.superuser-password
    printf 'postgres-test\n' | as_postgres tee "$pwfile" >/dev/null
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$pwfile" -A scram-sha-256 \
        --auth-local=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" start >/dev/null
    as_postgres "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE tgmcp LOGIN CREATEDB PASSWORD 'tgmcp-test'" -c "CREATE DATABASE tgmcp OWNER tgmcp" >/dev/null
    printf '%s\n' "$port" >"$dir/port"
    echo "postgresql://tgmcp:tgmcp-test@127.0.0.1:$port/tgmcp"
    ;;
stop)
    dir=${2:?usage: ci/postgres.sh stop DIR}
    [ -d "$dir/data" ] || exit 0
    bin=$(bindir)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    as_root rm -rf "$dir"
    ;;
restart)
    # Used by the soak: a PostgreSQL restart in the middle of a run.
    dir=${2:?usage: ci/postgres.sh restart DIR}
    bin=$(bindir)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 restart >/dev/null
    ;;
*)
    echo "usage: ci/postgres.sh start DIR [PORT] | stop DIR | restart DIR" >&2
    exit 2
    ;;
esac
