package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import io.github.telegrammcp.bot.PollerLease;
import io.github.telegrammcp.fake.FakeBotApi;

/**
 * A {@code kill -9} of the poller seen from another "machine" (another host id: no pid check can tell it is gone), so
 * the lease must run out first. Measured from the holder's last renewal (the expiry it wrote, read from the database,
 * minus the lease) to the next getUpdates: the lease length plus the time to start a poll, not plus a wait for the
 * scheduler's next tick. (The arrival of the holder's getUpdates is no stand-in for its renewal: on a loaded machine
 * the request reached the fake 4.7 s after the renewal once.)
 */
final class CrossHostTakeover {

    /** Room above the lease for a loaded machine; before the expiry timer the standby added up to 1 s of tick. */
    static final long SLACK_MILLIS = 1_500;

    private CrossHostTakeover() {
    }

    /**
     * Kills {@code poller} right after it started a long poll, reads the expiry of its lease ({@code leaseUntil}, epoch
     * millis, once it can no longer renew), and returns the milliseconds from its last renewal (the expiry minus the
     * lease) to the next getUpdates; asserts that this came after the expiry and before lease + {@link #SLACK_MILLIS}.
     */
    static long killAndMeasure(FakeBotApi fake, McpServerProcess poller, Callable<Long> leaseUntil) throws Exception {
        int count = fake.getUpdatesCount();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fake.getUpdatesCount() == count) {
            assertThat(System.nanoTime()).as("a getUpdates within 30 s").isLessThan(deadline);
            Thread.sleep(2);
        }
        int polls = fake.getUpdatesCount();
        long pid = poller.javaPid();
        poller.kill9();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        long until = leaseUntil.call();
        long renewed = until - PollerLease.LEASE_MILLIS;
        long next = awaitPollAfter(fake, polls, Duration.ofSeconds(40));
        assertThat(next).as("the next getUpdates (epoch ms) came after the lease ran out at %d", until)
                .isGreaterThan(until);
        assertThat(next - renewed).as("ms from the holder's last renewal to the next getUpdates on the other machine")
                .isLessThan(PollerLease.LEASE_MILLIS + SLACK_MILLIS);
        assertThat(fake.overlapCount()).as("overlapping getUpdates calls").isZero();
        return next - renewed;
    }

    /** The epoch millis at which the fake had more than {@code count} getUpdates calls. */
    private static long awaitPollAfter(FakeBotApi fake, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fake.getUpdatesCount() <= count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no getUpdates within " + timeout + " of the kill");
            }
            Thread.sleep(2);
        }
        return System.currentTimeMillis();
    }

    /** The lease's expiry in an H2 state directory, read through the database host named in H2's lock file. */
    static long leaseUntilH2(Path stateDir) throws Exception {
        Properties lock = new Properties();
        try (Reader in = Files.newBufferedReader(stateDir.resolve("state.lock.db"), StandardCharsets.ISO_8859_1)) {
            lock.load(in);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:tcp://" + lock.getProperty("server") + "/"
                + lock.getProperty("id"), "tgmcp", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT lease_until FROM poll_state WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }
}
