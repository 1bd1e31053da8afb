package io.github.telegrammcp.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.telegrammcp.mcp.WaitTools;

/** Runs a session's wait loop in the background, as an assistant in unattended mode would, and keeps what it got. */
final class Collector {

    static final String REPLIED = WaitTools.REPLY_INTRO;

    final List<String> received = new ArrayList<>();
    /** System.nanoTime() when each message of {@link #received} came back, in the same order. */
    final List<Long> arrivals = new ArrayList<>();
    final List<String> failures = new ArrayList<>();
    private final CompletableFuture<List<String>> done;

    private Collector(McpServerProcess session, int expected, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        done = CompletableFuture.supplyAsync(() -> {
            while (received.size() < expected && System.nanoTime() < end) {
                try {
                    String text = McpServerProcess.text(session.call("telegram_wait_reply", Map.of("max_wait", 20)));
                    if (text.startsWith(REPLIED)) {
                        synchronized (received) {
                            received.add(text.substring(REPLIED.length()));
                            arrivals.add(System.nanoTime());
                        }
                    } else if (!text.startsWith("No reply within")) {
                        failures.add(text);
                    }
                } catch (RuntimeException e) {
                    failures.add(String.valueOf(e.getMessage()));
                    sleep();
                }
            }
            return received;
        });
    }

    /** Starts collecting {@code expected} messages, giving up after {@code deadline}. */
    static Collector start(McpServerProcess session, int expected, Duration deadline) {
        return new Collector(session, expected, deadline);
    }

    /** When (System.nanoTime()) {@code message} came back; AssertionError if it did not. */
    long arrivalOf(String message) {
        synchronized (received) {
            int i = received.indexOf(message);
            if (i < 0) {
                throw new AssertionError("not received: " + message + " (got " + received + ")");
            }
            return arrivals.get(i);
        }
    }

    /** The messages received, once the loop ended. */
    List<String> join() {
        return done.join();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
