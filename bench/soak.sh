#!/usr/bin/env bash
# Soak benchmark: PROCESSES real server processes share one state directory and a fake Bot API; the owner sends
# MESSAGES messages addressed at random (replies to a session's notification, /to) while the process that polls
# Telegram or the one that hosts the H2 database is killed (kill -9, or a normal exit) every KILL_EVERY seconds and
# started again. Prints sent, delivered, lost, duplicated, out of order, latency p50/p95/max (all and cross-process),
# takeover times and CPU seconds per process-minute while idle; fails unless lost, duplicated and out of order are 0.
#
# Usage: bench/soak.sh            full run: 10 processes, 1000 messages at 8/s, a kill every 12 s (about 5 minutes)
#        SHORT=1 bench/soak.sh    the CI size: 4 processes, 150 messages at 6/s, a kill every 8 s (about 2 minutes; `./mvnw verify` runs it)
#        PG=1 bench/soak.sh       the same on PostgreSQL (PgSoakIT): the sessions act as two machines, the poller is
#                                 killed, and PostgreSQL restarts once in the middle; a throw-away cluster is started
#                                 with ci/postgres.sh (needs root or sudo -n) unless PG_URL and PG_RESTART are given
# Env:   PROCESSES, MESSAGES, RATE (messages/s), KILL_EVERY (s), IDLE (s of each CPU measurement), SEED, MVN_OPTS,
#        PG, PG_URL, PG_RESTART
# Linux only (reads /proc to find the database host and CPU times). The report is also in target/e2e/soak/report.txt.
set -euo pipefail

root=$(cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
if [[ -n ${SHORT:-} ]]; then
    defaults=(4 150 6 8 20)
else
    defaults=(10 1000 8 12 60)
fi
props=(
    -Dsoak.processes="${PROCESSES:-${defaults[0]}}"
    -Dsoak.messages="${MESSAGES:-${defaults[1]}}"
    -Dsoak.rate="${RATE:-${defaults[2]}}"
    -Dsoak.killEvery="${KILL_EVERY:-${defaults[3]}}"
    -Dsoak.idleSeconds="${IDLE:-${defaults[4]}}"
)
[[ -n ${SEED:-} ]] && props+=(-Dsoak.seed="$SEED")

cd "$root"
test_class=SoakIT
work=soak
if [[ -n ${PG:-} ]]; then
    test_class=PgSoakIT
    work=pg-soak
    if [[ -z ${PG_URL:-} ]]; then
        pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/telegram-mcp-soak-pg.XXXXXX")
        trap 'bash "$root/ci/postgres.sh" stop "$pg_dir"' EXIT
        PG_URL=$(bash ci/postgres.sh start "$pg_dir")
        PG_RESTART="bash '$root/ci/postgres.sh' restart '$pg_dir'"
    fi
    props+=(-Dpg.url="$PG_URL" -Dpg.required=true -Dpg.restart="${PG_RESTART:-}")
fi
rm -f "target/e2e/$work/report.txt"
start=$(date +%s)
status=0
# shellcheck disable=SC2086
./mvnw -B ${MVN_OPTS:--o} verify -Dstartcache.skip=true -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test="$test_class" "${props[@]}" > target/soak-maven.log 2>&1 || status=$?
if [[ -f target/e2e/$work/report.txt ]]; then
    cat "target/e2e/$work/report.txt"
else
    tail -40 target/soak-maven.log
fi
echo "wall time: $(( $(date +%s) - start )) s (maven log: target/soak-maven.log)"
exit $status
