#!/usr/bin/env bash
# Reply latency (same process and cross process), start-up time and idle memory, against the fake Bot API.
# Usage: bench/latency.sh [rounds=50] [idle-seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B package -DskipTests
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    io.github.telegrammcp.bench.LatencyBenchmark "${1:-50}" "${2:-30}" target/quarkus-app/quarkus-run.jar
