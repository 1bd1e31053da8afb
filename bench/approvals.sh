#!/usr/bin/env bash
# Permission hook timings against the fake Bot API, beside one polling server: hook start to the prompt at the Bot API,
# and the owner's press to the decision on the hook's stdout.
# Usage: bench/approvals.sh [rounds=10]
#   PG_URL=postgresql://user:password@host:port/db  the same with the PostgreSQL build and that (empty) database
#   TELEGRAM_MCP_START_CACHE=off                     the hook without the start-up cache, for comparison
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.github.telegrammcp.bench.ApprovalBenchmark "${1:-10}" "target/quarkus-app${PG_URL:+-pg}/quarkus-run.jar" \
    bin/telegram-mcp-server "${PG_URL:-}"
