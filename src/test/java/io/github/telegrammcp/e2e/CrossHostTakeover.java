package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.telegrammcp.bot.PollerLease;
import io.github.telegrammcp.fake.FakeBotApi;

/**
 * A {@code kill -9} of the poller seen from another "machine" (another host id: no pid check can tell it is gone), so
 * the lease must run out first. Measured from the holder's last renewal (its last getUpdates starts right after it) to
 * the next getUpdates: the lease length plus the time to start a poll, not plus a wait for the scheduler's next tick.
 */
final class CrossHostTakeover {

    /** Room above the lease for a loaded machine; before the expiry timer the standby added up to 1 s of tick. */
    static final long SLACK_MILLIS = 1_500;

    private CrossHostTakeover() {
    }

    /**
     * Kills {@code poller} right after it renewed the lease and started a long poll; returns the milliseconds from then
     * to the next getUpdates, asserting that it came after the lease ran out and before lease + {@link #SLACK_MILLIS}.
     */
    static long killAndMeasure(FakeBotApi fake, McpServerProcess poller) throws Exception {
        int count = fake.getUpdatesCount();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fake.getUpdatesCount() == count) {
            assertThat(System.nanoTime()).as("a getUpdates within 30 s").isLessThan(deadline);
            Thread.sleep(2);
        }
        long renewed = System.nanoTime();
        int polls = fake.getUpdatesCount();
        poller.kill9();
        long next = awaitPollAfter(fake, polls, Duration.ofSeconds(40), renewed);
        assertThat(next).as("ms from the holder's last renewal to the next getUpdates on the other machine")
                .isGreaterThan(PollerLease.LEASE_MILLIS - 2_000)
                .isLessThan(PollerLease.LEASE_MILLIS + SLACK_MILLIS);
        assertThat(fake.overlapCount()).as("overlapping getUpdates calls").isZero();
        return next;
    }

    private static long awaitPollAfter(FakeBotApi fake, int count, Duration timeout, long since) throws Exception {
        long deadline = since + timeout.toNanos();
        while (fake.getUpdatesCount() <= count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no getUpdates within " + timeout + " of the kill");
            }
            Thread.sleep(2);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }
}
