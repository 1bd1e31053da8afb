#!/usr/bin/env bash
# What the stdio guard costs per line: in one JVM, the guard's work on a line as the extension reads it beside the
# extension's own decoding of that line (p50/p99 by line size); then, over real stdio, the round trip of ping
# requests of several sizes through each jar given (p50/p99). The JVM runs with the launcher's settings (serial GC,
# C1 only, small stacks), as the server does.
#
# Usage: bench/stdio-guard.sh [JAR...]   (default: target/quarkus-app/quarkus-run.jar). Give a jar built without the
#        guard as well to get "before" figures. Needs a packaged build (./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."
app=target/quarkus-app
[[ -f $app/quarkus-run.jar ]] || { echo "bench: build first: ./mvnw package" >&2; exit 1; }
./mvnw -q -B test-compile -Dstartcache.skip
jars=("$@")
[[ ${#jars[@]} -gt 0 ]] || jars=("$app/quarkus-run.jar")
# shellcheck disable=SC2086 # the flag list is meant to be split into words
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAM=1g \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "target/test-classes:target/classes:$app/lib/boot/*:$app/lib/main/*" \
    io.github.telegrammcp.stdio.StdioGuardBenchmark "${jars[@]}"
