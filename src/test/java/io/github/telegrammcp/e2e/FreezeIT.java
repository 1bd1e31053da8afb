package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The process that polls Telegram and hosts the H2 database is stopped (SIGSTOP) for 25 s and resumed: nothing is lost
 * or delivered twice, no two getUpdates overlap, and everything flows again within seconds of the resume. With H2 the
 * others cannot take the database over while the stopped process lives: it keeps the operating system's lock on the
 * database file (see the README, "A stopped process").
 */
class FreezeIT {

    @Test
    void aStoppedPollerAndDatabaseHostLosesNothingAndEverythingFlowsSoonAfterTheResume() throws Exception {
        FreezeScenario.Outcome o = FreezeScenario.run(new FreezeScenario.Setup("h2", Map.of(),
                Duration.ofSeconds(25), false));
        System.out.println("[freeze h2] " + o.figures());
        assertThat(o.frozenHostedDatabase()).as("the stopped process hosted the database").isTrue();
        assertThat(o.receiverGot()).containsExactly("warm-up", "while frozen", "after resume");
        assertThat(o.resumedGot()).containsExactly("for the resumed session");
        assertThat(o.receiverExtra()).startsWith("No reply within");
        assertThat(o.resumedExtra()).startsWith("No reply within");
        assertThat(o.overlaps()).as("getUpdates calls answered 409 (overlapping)").isZero();
        // Generous for a loaded machine; the figures are printed above and in the README.
        assertThat(o.whileFrozenAfterResume()).as("ms from SIGCONT to the delivery of the message sent while stopped")
                .isLessThan(15_000);
        assertThat(o.afterResumeDelivered()).as("ms to deliver a message sent after the resume").isLessThan(15_000);
    }

    @Test
    void aStoppedPollerThatDoesNotHostTheDatabaseIsReplacedAndMessagesFlowWhileItIsStopped() throws Exception {
        FreezeScenario.Outcome o = FreezeScenario.run(new FreezeScenario.Setup("h2-poller-only", Map.of(),
                Duration.ofSeconds(25), true));
        System.out.println("[freeze h2, poller only] " + o.figures());
        assertThat(o.frozenHostedDatabase()).isFalse();
        assertThat(o.receiverGot()).containsExactly("warm-up", "while frozen", "after resume");
        assertThat(o.deliveredWhileFrozen()).as("delivered while the poller was stopped").isTrue();
        assertThat(o.whileFrozenDelivered()).as("ms from SIGSTOP to the delivery of a message sent then")
                .isLessThan(15_000);
        assertThat(o.resumedLostPolling()).as("after the resume another process polls").isTrue();
        assertThat(o.resumedGot()).containsExactly("for the resumed session");
        assertThat(o.receiverExtra()).startsWith("No reply within");
        assertThat(o.resumedExtra()).startsWith("No reply within");
        assertThat(o.overlaps()).as("getUpdates calls answered 409 (overlapping)").isZero();
    }
}
