package io.github.telegrammcp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.telegrammcp.e2e.McpServerProcess;
import io.github.telegrammcp.fake.FakeBotApi;

/**
 * Measures, against the fake Bot API and two real server processes: reply latency from the moment the fake receives
 * the owner's message to the tool result (same process as the poller, and another process), time from process start
 * to the initialize answer and to the first tools/list, and resident memory after an idle period. Prints figures;
 * asserts nothing (run by bench/latency.sh, not by the test suite).
 */
public final class LatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int idleSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Path jar = Path.of(args.length > 2 ? args[2] : "target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        // PostgreSQL mode (bench/latency.sh with PG=1): a fresh database there, and the two processes act as two
        // machines (a host id and a state directory each), so "other process" is another machine.
        String pgUrl = System.getProperty("pg.url", "");
        Path tmp = Files.createTempDirectory("tgmcp-bench");
        FakeBotApi fake = new FakeBotApi().start();
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                tmp.resolve("state"));
        Map<String, String> otherEnv = new java.util.HashMap<>(env);
        if (!pgUrl.isBlank()) {
            String database = freshDatabase(pgUrl);
            env.put("TELEGRAM_DATABASE_URL", database);
            env.put("TELEGRAM_HOST_ID", "machine-a");
            otherEnv.put("TELEGRAM_DATABASE_URL", database);
            otherEnv.put("TELEGRAM_HOST_ID", "machine-b");
            otherEnv.put("TELEGRAM_STATE_DIR", tmp.resolve("state-b").toString());
            System.out.println("PostgreSQL mode: two hosts, machine-a (polls) and machine-b");
        }

        long t0 = System.nanoTime();
        McpServerProcess poller = new McpServerProcess(jar, tmp.resolve("poller"), env);
        long initMs = ms(t0);
        poller.client().listTools();
        long listMs = ms(t0);
        waitUntil(() -> fake.getUpdatesCount() > 0, Duration.ofSeconds(30));

        long t1 = System.nanoTime();
        McpServerProcess other = new McpServerProcess(jar, tmp.resolve("other"), otherEnv);
        long initMs2 = ms(t1);
        other.client().listTools();
        long listMs2 = ms(t1);

        List<Double> same = measure(poller, "poller", fake, rounds);
        List<Double> cross = measure(other, "other", fake, rounds);

        Thread.sleep(idleSeconds * 1000L);
        long rssPoller = rssKb(poller.javaPid());
        long rssOther = rssKb(other.javaPid());

        System.out.printf("java %s, %d rounds each%n", System.getProperty("java.version"), rounds);
        System.out.printf("start -> initialize answer: %d ms (first process), %d ms (second process)%n", initMs,
                initMs2);
        System.out.printf("start -> first tools/list answer: %d ms (first process), %d ms (second process)%n", listMs,
                listMs2);
        System.out.printf("reply latency, same process as the poller: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                pct(same, 50), pct(same, 95), pct(same, 100));
        System.out.printf("reply latency, other process:              p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                pct(cross, 50), pct(cross, 95), pct(cross, 100));
        System.out.printf("resident memory after %d s idle: %d MB (poller), %d MB (other)%n", idleSeconds,
                rssPoller / 1024, rssOther / 1024);
        System.out.printf("overlapping getUpdates seen by the fake: %d%n", fake.overlapCount());

        poller.close();
        other.close();
        fake.close();
    }

    private static List<Double> measure(McpServerProcess server, String name, FakeBotApi fake, int rounds)
            throws Exception {
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            CompletableFuture<String> wait = CompletableFuture.supplyAsync(
                    () -> McpServerProcess.text(server.call("telegram_wait_reply", Map.of("max_wait", 60))));
            Thread.sleep(300); // let the call reach the server and register its wait
            String text = "ping " + i;
            long start = System.nanoTime();
            fake.injectOwnerText("/to " + name + " " + text);
            String result = wait.get(60, TimeUnit.SECONDS);
            latencies.add((System.nanoTime() - start) / 1e6);
            if (!result.endsWith(text)) {
                throw new IllegalStateException("round " + i + " got: " + result);
            }
        }
        return latencies;
    }

    private static String freshDatabase(String url) throws java.sql.SQLException {
        io.github.telegrammcp.config.DatabaseUrl parsed = io.github.telegrammcp.config.DatabaseUrl.parse(url,
                java.util.Optional.empty(), java.util.Optional.empty());
        String name = "bench_" + System.currentTimeMillis();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(parsed.jdbcUrl(), parsed.credentials());
                java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url.substring(0, url.lastIndexOf('/') + 1) + name;
    }

    private static double pct(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static long ms(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(20);
        }
    }
}
