package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The freeze of {@link FreezeIT} on PostgreSQL: the process that polls is stopped (SIGSTOP) for 25 s. No process hosts
 * the database here, so the others go on: another takes the poller lease and delivers while the first is stopped, and
 * after the resume the stopped one finds that it no longer polls; nothing is lost, nothing arrives twice, no two
 * getUpdates overlap.
 */
class PgFreezeIT {

    @Test
    void aStoppedPollerIsReplacedAndMessagesFlowWhileItIsStopped() throws Exception {
        FreezeScenario.Outcome o = FreezeScenario.run(new FreezeScenario.Setup("postgresql",
                Map.of("TELEGRAM_DATABASE_URL", PgDatabase.fresh()), Duration.ofSeconds(25), false));
        System.out.println("[freeze postgresql] " + o.figures());
        assertThat(o.frozenHostedDatabase()).isFalse();
        o.assertReplacedWhileStopped();
    }
}
