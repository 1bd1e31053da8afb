package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The process that polls Telegram is stopped (SIGSTOP, as Ctrl-Z does) for 25 s and resumed. By default the H2 database
 * is hosted by a detached store host, outside every assistant's process group: another process takes over polling and
 * delivers while the poller is stopped; after the resume it finds it lost polling; nothing is lost or delivered twice
 * and no two getUpdates overlap. With {@code TELEGRAM_STORE_HOST=session} the first session hosts the database, and
 * while it is stopped nobody can store anything (it keeps the operating system's lock on the file): everything flows
 * again within seconds of the resume (see the README, "A killed or stopped process").
 */
class FreezeIT {

    @Test
    void aStoppedPollerIsReplacedWhileStoppedBecauseADetachedProcessHostsTheDatabase() throws Exception {
        FreezeScenario.Outcome o = FreezeScenario.run(new FreezeScenario.Setup("h2", Map.of(),
                Duration.ofSeconds(25), false));
        System.out.println("[freeze h2, detached store host] " + o.figures());
        assertThat(o.frozenHostedDatabase()).as("the stopped process hosted the database").isFalse();
        assertThat(o.storeHostHostedDatabase()).as("the detached store host hosts the database").isTrue();
        o.assertReplacedWhileStopped();
        assertThat(o.afterResumeDelivered()).as("ms to deliver a message sent after the resume").isLessThan(15_000);
    }

    @Test
    void withTheSessionHostingTheDatabaseAStoppedHostLosesNothingAndEverythingFlowsSoonAfterTheResume()
            throws Exception {
        FreezeScenario.Outcome o = FreezeScenario.run(new FreezeScenario.Setup("h2-session-host",
                Map.of("TELEGRAM_STORE_HOST", "session"), Duration.ofSeconds(25), false));
        System.out.println("[freeze h2, TELEGRAM_STORE_HOST=session] " + o.figures());
        assertThat(o.frozenHostedDatabase()).as("the stopped process hosted the database").isTrue();
        assertThat(o.storeHostHostedDatabase()).as("no detached store host").isFalse();
        o.assertNothingLostOrDoubled();
        // Generous for a loaded machine; the figures are printed above and in the README.
        assertThat(o.whileFrozenAfterResume()).as("ms from SIGCONT to the delivery of the message sent while stopped")
                .isLessThan(15_000);
        assertThat(o.afterResumeDelivered()).as("ms to deliver a message sent after the resume").isLessThan(15_000);
    }
}
