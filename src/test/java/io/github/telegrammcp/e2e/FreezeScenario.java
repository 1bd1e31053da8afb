package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.store.StateStoreDriver;

/**
 * A process that polls Telegram (it starts first; with H2 and {@code TELEGRAM_STORE_HOST=session} it also hosts the
 * database, unless the test hosts it; by default a detached store host does) is
 * stopped with SIGSTOP for a while, as Ctrl-Z in an assistant's terminal does, and then resumed. Another session's
 * message is sent at the start of the freeze and one more after it; the resumed session gets a message of its own.
 * The scenario measures and returns; the caller asserts what its store mode promises. Its extra environment selects
 * the store (nothing for H2).
 */
final class FreezeScenario {

    static final String RECEIVER = "bravo";
    static final String FROZEN = "alpha";
    /** A time for a message that never arrived. */
    static final long NONE = Long.MIN_VALUE;

    /**
     * A run: its name (the work directory), extra environment for every process, how long the freeze lasts, and
     * whether the test itself opens the H2 database first and so hosts it (the frozen process then only polls).
     */
    record Setup(String name, Map<String, String> extraEnv, Duration freeze, boolean testHostsH2) {
    }

    /**
     * What a run saw. Times are milliseconds, {@link #NONE} for a message that never arrived; {@code whileFrozenDelivered}
     * is from SIGSTOP to the arrival of the message sent at the start of the freeze, {@code whileFrozenAfterResume} the
     * same arrival counted from SIGCONT (negative: it came before the resume).
     */
    record Outcome(long frozenPid, boolean frozenHostedDatabase, boolean storeHostHostedDatabase, long whileFrozenDelivered,
            long whileFrozenAfterResume,
            long afterResumeDelivered, long resumedSessionDelivered, long pollerAfterResume, int overlaps,
            List<String> receiverGot, List<String> resumedGot, String receiverExtra, String resumedExtra) {

        boolean deliveredWhileFrozen() {
            return whileFrozenAfterResume != NONE && whileFrozenAfterResume < 0;
        }

        boolean resumedLostPolling() {
            return pollerAfterResume != frozenPid;
        }

        String figures() {
            return String.format(
                    "frozen process hosted the database: %s; a detached store host did: %s; polling after the resume:"
                            + " %s; message sent at SIGSTOP delivered after %d ms (%s); message sent after SIGCONT delivered after %d ms; the"
                            + " resumed session's own message after %d ms; 409 overlaps: %d",
                    frozenHostedDatabase, storeHostHostedDatabase,
                    resumedLostPolling() ? "another process" : "the resumed process", whileFrozenDelivered,
                    deliveredWhileFrozen() ? "while frozen" : (whileFrozenAfterResume + " ms after SIGCONT"),
                    afterResumeDelivered, resumedSessionDelivered, overlaps);
        }

        /** Every message arrived once, in order, at the session it was for, and no two getUpdates overlapped. */
        void assertNothingLostOrDoubled() {
            assertThat(receiverGot).containsExactly("warm-up", "while frozen", "after resume");
            assertThat(resumedGot).containsExactly("for the resumed session");
            assertThat(receiverExtra).startsWith("No reply within");
            assertThat(resumedExtra).startsWith("No reply within");
            assertThat(overlaps).as("getUpdates calls answered 409 (overlapping)").isZero();
        }

        /**
         * What a store that no session process hosts promises: another process took polling over and delivered while
         * the poller was stopped, the resumed process no longer polls, and nothing was lost or doubled.
         */
        void assertReplacedWhileStopped() {
            assertNothingLostOrDoubled();
            assertThat(deliveredWhileFrozen()).as("delivered while the poller was stopped").isTrue();
            assertThat(whileFrozenDelivered).as("ms from SIGSTOP to the delivery of a message sent then")
                    .isLessThan(15_000);
            assertThat(resumedLostPolling()).as("after the resume another process polls").isTrue();
        }
    }

    private FreezeScenario() {
    }

    /** Runs the scenario with three sessions; every process is stopped or closed at the end. */
    static Outcome run(Setup setup) throws Exception {
        Path tmp = WorkDir.fresh("freeze-" + setup.name());
        Path stateDir = tmp.resolve("state");
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = new HashMap<>(McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, stateDir));
            env.putAll(setup.extraEnv());
            McpServerProcess frozen = null;
            McpServerProcess receiver = null;
            McpServerProcess third = null;
            long frozenPid = -1;
            // The store mode's build: PostgreSQL's when the extra environment names a database.
            Path jar = setup.extraEnv().containsKey("TELEGRAM_DATABASE_URL") ? PgDatabase.jar() : Jar.path();
            Connection hosted = setup.testHostsH2() ? hostH2(stateDir) : null;
            try {
                frozen = new McpServerProcess(jar, tmp.resolve(FROZEN), env);
                ServerRoles.awaitRegistered(stateDir, FROZEN, Duration.ofSeconds(60));
                frozenPid = frozen.javaPid();
                awaitPoller(stateDir, frozenPid, Duration.ofSeconds(30));
                receiver = new McpServerProcess(jar, tmp.resolve(RECEIVER), env);
                third = new McpServerProcess(jar, tmp.resolve("charlie"), env);
                ServerRoles.awaitRegistered(stateDir, RECEIVER, Duration.ofSeconds(60));
                ServerRoles.awaitRegistered(stateDir, "charlie", Duration.ofSeconds(60));
                boolean hostedDatabase = ServerRoles.databaseHostPid(stateDir, List.of(frozenPid)) == frozenPid;
                long storeHost = ServerRoles.storeHostPid(stateDir);
                boolean storeHosted = storeHost > 0
                        && ServerRoles.databaseHostPid(stateDir, List.of(storeHost)) == storeHost;

                Collector received = Collector.start(receiver, 3, Duration.ofSeconds(180));
                fake.injectOwnerText("/to " + RECEIVER + " warm-up");
                awaitArrival(received, "warm-up", Duration.ofSeconds(30));
                int overlapsBefore = fake.overlapCount();

                signal("STOP", frozenPid);
                long stoppedAt = System.nanoTime();
                fake.injectOwnerText("/to " + RECEIVER + " while frozen");
                long resumeAt = stoppedAt + setup.freeze().toNanos();
                long wait = resumeAt - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the freeze itself: no assertion rests on it
                }
                signal("CONT", frozenPid);
                long resumedAt = System.nanoTime();

                fake.injectOwnerText("/to " + RECEIVER + " after resume");
                long afterResumeSent = System.nanoTime();
                Collector own = Collector.start(frozen, 1, Duration.ofSeconds(120));
                fake.injectOwnerText("/to " + FROZEN + " for the resumed session");
                long ownSent = System.nanoTime();
                List<String> receiverGot = received.join();
                List<String> resumedGot = own.join();
                long whileFrozen = arrival(received, "while frozen");
                long after = arrival(received, "after resume");
                long ownArrival = resumedGot.isEmpty() ? NONE : own.arrivalOf(resumedGot.get(0));
                // Nothing more is queued: one more wait each times out instead of returning a duplicate.
                String receiverExtra = McpServerProcess.text(receiver.call("telegram_wait_reply", Map.of("max_wait", 3)));
                String resumedExtra = McpServerProcess.text(frozen.call("telegram_wait_reply", Map.of("max_wait", 3)));
                return new Outcome(frozenPid, hostedDatabase, storeHosted, millis(whileFrozen, stoppedAt),
                        millis(whileFrozen, resumedAt), millis(after, afterResumeSent), millis(ownArrival, ownSent),
                        ServerRoles.pollerPid(stateDir),
                        fake.overlapCount() - overlapsBefore, receiverGot, resumedGot, receiverExtra, resumedExtra);
            } finally {
                if (hosted != null) {
                    hosted.close();
                }
                if (frozenPid > 0) {
                    signal("CONT", frozenPid);
                }
                for (McpServerProcess p : new McpServerProcess[] { third, receiver, frozen }) {
                    if (p != null) {
                        p.close();
                    }
                }
            }
        }
    }

    /**
     * Opens the state directory's H2 database in this JVM, as the first server process would, so that this JVM serves
     * it to the server processes over loopback ({@code AUTO_SERVER}) until the connection is closed.
     */
    static Connection hostH2(Path stateDir) throws Exception {
        java.nio.file.Files.createDirectories(stateDir);
        Properties user = new Properties();
        user.setProperty("user", "tgmcp");
        user.setProperty("password", "");
        return new StateStoreDriver().connect(StateStoreDriver.url(stateDir), user);
    }

    static void signal(String name, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + pid + " failed");
        }
    }

    private static void awaitPoller(Path stateDir, long pid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ServerRoles.pollerPid(stateDir) != pid) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("process " + pid + " did not start polling within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitArrival(Collector collector, String message, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (collector.received) {
                if (collector.received.contains(message)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " not delivered within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static long arrival(Collector collector, String message) {
        synchronized (collector.received) {
            return collector.received.contains(message) ? collector.arrivalOf(message) : NONE;
        }
    }

    /** Milliseconds from {@code from} to {@code arrival} (System.nanoTime()), or {@link #NONE} if nothing arrived. */
    private static long millis(long arrival, long from) {
        return arrival == NONE ? NONE : TimeUnit.NANOSECONDS.toMillis(arrival - from);
    }
}
