package io.github.telegrammcp.stdio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.vertx.core.json.Json;

/**
 * Measures what the stdio guard costs per line, and puts it beside what a line costs anyway. Prints figures; asserts
 * nothing (run by bench/stdio-guard.sh, not by the test suite).
 * <ol>
 * <li>In this JVM: the guard's work on one line (split it off the stream, check it is one JSON value and what kind of
 * message, hand it over) as the extension's reader sees it, and, for comparison, the extension's own decoding of the
 * same line (Vert.x {@code Json.decodeValue}), p50/p99 per line size.</li>
 * <li>Over real stdio, for each jar given: the round trip of {@code ping} requests of several sizes, p50/p99 (a jar
 * built without the guard gives the "before" figures).</li>
 * </ol>
 */
public final class StdioGuardBenchmark {

    public static void main(String[] args) throws Exception {
        System.out.printf("java %s, %s%n", System.getProperty("java.version"),
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("== per line, in process (µs): reading it as the extension does (readLine), without and with");
        System.out.println("   the guard in between; and the extension's own decoding of it (Vert.x), for comparison");
        System.out.println("line                      bytes  read p50  p99     guarded p50  p99      decode p50  p99");
        inProcess("ping", ping(0), 20_000);
        inProcess("tools/call, small", call(200), 20_000);
        inProcess("tools/call, 10 KB", call(10_000), 5_000);
        inProcess("tools/call, 100 KB", call(100_000), 1_000);
        inProcess("tools/call, 1 MB", call(1_000_000), 100);
        inProcess("tools/call, 10 MB", call(10_000_000), 12);
        inProcessGarbage("garbage, 10 MB", "x".repeat(10_000_000), 12);
        System.out.println("== memory allocated per line by the reading thread (MB): readLine alone, through the guard");
        allocation("tools/call, 1 MB", call(1_000_000));
        allocation("tools/call, 10 MB", call(10_000_000));
        allocation("garbage, 10 MB", "x".repeat(10_000_000));
        for (String jar : args) {
            System.out.println("== ping round trip over stdio (ms): " + jar);
            System.out.println("ping                      bytes  p50      p99");
            overStdio(Path.of(jar));
        }
    }

    static String ping(int padding) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"" + (padding == 0 ? ""
                : ",\"params\":{\"pad\":\"" + "p".repeat(padding) + "\"}") + "}";
    }

    static String call(int textLength) {
        StringBuilder text = new StringBuilder();
        String words = "## Done\\n- `tests` pass: 42 files changed, see the \\\"diff\\\" below\\n"
                + "for (int i = 0; i < n; i++) { total += price[i] * qty[i]; } // naïve ✅\\n";
        while (text.length() < textLength) {
            text.append(words);
        }
        return "{\"jsonrpc\":\"2.0\",\"id\":17,\"method\":\"tools/call\",\"params\":{\"name\":\"telegram_send\","
                + "\"arguments\":{\"message\":\"" + text + "\"},\"_meta\":{\"progressToken\":17}}}";
    }

    static void inProcess(String name, String line, int rounds) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        long[] raw = readTimes(new RepeatingInput(bytes, rounds * 2L), rounds, false);
        // The same line, many times, read through the guard exactly as the extension reads it.
        StdioGuard guard = new StdioGuard(new RepeatingInput(bytes, rounds * 2L), OutputStream.nullOutputStream(),
                List::of, StdioGuard.MAX_LINE_BYTES);
        long[] guarded = readTimes(guard.input(), rounds, false);
        long[] decoded = readTimes(new RepeatingInput(bytes, rounds * 2L), rounds, true);
        print(name, bytes.length - 1, raw, guarded, decoded);
    }

    /** Times {@code rounds} lines (after as many for warm-up): reading each, or decoding each after reading it. */
    static long[] readTimes(InputStream in, int rounds, boolean decode) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long[] took = new long[rounds];
        for (int i = 0; i < rounds * 2; i++) {
            long t0 = System.nanoTime();
            String read = reader.readLine();
            if (decode) {
                t0 = System.nanoTime();
                Json.decodeValue(read);
            }
            if (i >= rounds) {
                took[i - rounds] = System.nanoTime() - t0;
            }
        }
        return took;
    }

    /** A garbage line never reaches the decoder; the guard answers it instead. */
    static void inProcessGarbage(String name, String line, int rounds) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        long[] raw = readTimes(new RepeatingInput(bytes, rounds * 2L), rounds, false);
        byte[] withPing = (line + "\n" + ping(0) + "\n").getBytes(StandardCharsets.UTF_8);
        StdioGuard guard = new StdioGuard(new RepeatingInput(withPing, rounds * 2L), OutputStream.nullOutputStream(),
                List::of, StdioGuard.MAX_LINE_BYTES);
        // Each read returns the ping after the garbage line: the time is the guard's for the garbage and the ping.
        long[] guarded = readTimes(guard.input(), rounds, false);
        print(name, line.length(), raw, guarded, null);
    }

    static void print(String name, int size, long[] raw, long[] guarded, long[] decoded) {
        System.out.printf(Locale.ROOT, "%-22s %8d %9s %8s %12s %8s %11s %8s%n", name, size, us(raw, 50), us(raw, 99),
                us(guarded, 50), us(guarded, 99), us(decoded, 50), us(decoded, 99));
    }

    static String us(long[] values, int p) {
        return values == null ? "-" : String.format(Locale.ROOT, "%.1f", pct(values, p) / 1e3);
    }

    /** Bytes allocated by this thread to read one line, without and with the guard (after a warm-up line). */
    static void allocation(String name, String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        long[] mb = new long[2];
        for (int guarded = 0; guarded < 2; guarded++) {
            InputStream in = new RepeatingInput(bytes, 2);
            if (guarded == 1) {
                in = new StdioGuard(in, OutputStream.nullOutputStream(), List::of, StdioGuard.MAX_LINE_BYTES).input();
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            long before = threads.getCurrentThreadAllocatedBytes();
            reader.readLine();
            mb[guarded] = threads.getCurrentThreadAllocatedBytes() - before;
        }
        System.out.printf(Locale.ROOT, "%-22s %8d %9.1f %12.1f%n", name, line.length(), mb[0] / 1e6, mb[1] / 1e6);
    }

    static void overStdio(Path jar) throws Exception {
        Path home = Files.createTempDirectory("guard-bench");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-XX:MaxRAM=1g", "-Dfile.encoding=UTF-8", "-jar", jar.toString()).redirectError(
                        home.resolve("stderr.log")
                                .toFile());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("TELEGRAM_STATE_DIR", home.resolve("state").toString());
        builder.environment().remove("TELEGRAM_BOT_TOKEN");
        Process process = builder.start();
        try {
            OutputStream in = process.getOutputStream();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
            send(in, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}");
            out.readLine();
            send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
            roundTrips(in, out, "ping", 0, 500, 3000);
            roundTrips(in, out, "ping, 10 KB", 10_000, 200, 1000);
            roundTrips(in, out, "ping, 1 MB", 1_000_000, 10, 60);
        } finally {
            process.getOutputStream().close();
            process.waitFor();
        }
    }

    static void roundTrips(OutputStream in, BufferedReader out, String name, int padding, int warmup, int rounds)
            throws IOException {
        String line = ping(padding);
        long[] took = new long[rounds];
        for (int i = 0; i < warmup + rounds; i++) {
            long t0 = System.nanoTime();
            send(in, line);
            String answer = out.readLine();
            if (answer == null || !answer.contains("\"result\"")) {
                throw new IllegalStateException("no answer to ping: " + answer);
            }
            if (i >= warmup) {
                took[i - warmup] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "%-22s %8d %8.3f %8.3f%n", name, line.length(), pct(took, 50) / 1e6,
                pct(took, 99) / 1e6);
    }

    static void send(OutputStream in, String line) throws IOException {
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    static double pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** The same bytes over and over, without holding them more than once. */
    static final class RepeatingInput extends InputStream {
        private final byte[] bytes;
        private long remaining;
        private int pos;

        RepeatingInput(byte[] bytes, long times) {
            this.bytes = bytes;
            this.remaining = times;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            if (pos == bytes.length) {
                pos = 0;
                remaining--;
            }
            return n;
        }
    }
}
