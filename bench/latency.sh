#!/usr/bin/env bash
# Reply latency (same process and cross process), start-up time and idle memory, against the fake Bot API.
# Usage: bench/latency.sh [rounds=50] [idle-seconds=30]
#        PG=1 bench/latency.sh ...   the PostgreSQL build, the two processes acting as two machines (cross-machine
#                                    latency); a throw-away cluster from ci/postgres.sh (root or sudo -n), or PG_URL
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
jar=target/quarkus-app/quarkus-run.jar
pg_props=()
if [[ -n ${PG:-} ]]; then
    jar=target/quarkus-app-pg/quarkus-run.jar
    if [[ -z ${PG_URL:-} ]]; then
        pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/telegram-mcp-latency-pg.XXXXXX")
        trap 'bash ci/postgres.sh stop "$pg_dir"' EXIT
        PG_URL=$(bash ci/postgres.sh start "$pg_dir")
    fi
    pg_props=(-Dpg.url="$PG_URL")
fi
java -Djava.util.logging.manager=org.jboss.logmanager.LogManager "${pg_props[@]}" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.github.telegrammcp.bench.LatencyBenchmark "${1:-50}" "${2:-30}" "$jar"
