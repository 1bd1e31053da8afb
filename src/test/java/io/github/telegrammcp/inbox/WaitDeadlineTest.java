package io.github.telegrammcp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.bot.StoreFaultTrigger;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.github.telegrammcp.mcp.McpTestAccess;
import io.github.telegrammcp.mcp.WaitTools;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.TestSql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A wait ends at its max_wait even when the store call that checks the inbox hangs, and loses no message doing so. */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class WaitDeadlineTest {

    @Inject
    McpTestAccess tools;

    @Inject
    InboxService inbox;

    @Inject
    SessionRegistry registry;

    @Inject
    TestSql sql;

    @Inject
    DataSource dataSource;

    @Test
    void aWaitEndsOnTimeWhileTheStoreHangsAndTheMessageItWasClaimingGoesBack() throws Exception {
        String me = emptyInbox();
        withSlowClaims(() -> {
            enqueue(me, "slow " + StoreFaultTrigger.HANG);
            long start = System.nanoTime();
            String reply = tools.waitReply(1);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // max_wait 1 s plus the 1 s grace, while the claim hangs for 4 s.
            assertThat(millis).as("ms until the wait answered").isLessThan(StoreFaultTrigger.HANG_MILLIS - 500);
            assertThat(reply).startsWith("No reply could be read within").contains("did not answer in time")
                    .contains("stay queued").contains("call telegram_wait_reply again").doesNotContainIgnoringCase("disk");
            // The claim commits after the wait ended; the message goes back to the queue and the next wait gets it.
            assertThat(tools.waitReply(15)).isEqualTo(WaitTools.REPLY_INTRO + "slow " + StoreFaultTrigger.HANG);
        });
    }

    @Test
    void aClaimThatGoesThroughAfterItsWaitEndedKeepsTheOrderForTheNextWait() throws Exception {
        String me = emptyInbox();
        withSlowClaims(() -> {
            enqueue(me, "first " + StoreFaultTrigger.HANG);
            assertThat(tools.waitReply(1)).startsWith("No reply could be read within");
            // The first claim still hangs (as in a stopped database host) when the second message and the next wait
            // come: that wait must not take the second message while the first one is on its way back.
            enqueue(me, "second");
            assertThat(tools.waitReply(15)).isEqualTo(WaitTools.REPLY_INTRO + "first " + StoreFaultTrigger.HANG);
            assertThat(tools.waitReply(15)).isEqualTo(WaitTools.REPLY_INTRO + "second");
        });
    }

    @Test
    void aWaitWhoseClaimsTimeOutOnALockSaysTheStoreIsChangingHandsNotThatTheDiskIsFull() throws Exception {
        // The lock a claim meets while another process takes the database over: here a row held by an open
        // transaction, so H2's own lock timeout (LOCK_TIMEOUT=10000 in the URL) fails the claim.
        String me = emptyInbox();
        enqueue(me, "held");
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement(
                    "UPDATE inbox_message SET body = body WHERE session_id = ? AND delivered_at IS NULL")) {
                hold.setString(1, me);
                assertThat(hold.executeUpdate()).isEqualTo(1);
            }
            try {
                String reply = tools.waitReply(14);
                assertThat(reply).startsWith("No reply could be read within").contains("is changing hands")
                        .contains("stay queued").contains("call telegram_wait_reply again").doesNotContainIgnoringCase("disk");
            } finally {
                holder.rollback();
            }
        }
        assertThat(tools.waitReply(15)).isEqualTo(WaitTools.REPLY_INTRO + "held");
    }

    /** Removes what earlier tests left in this session's inbox; returns the session id. */
    private String emptyInbox() throws InterruptedException {
        String me = awaitRegistered();
        while (inbox.claimNext(me).isPresent()) {
            // leftovers of an earlier test
        }
        return me;
    }

    private void enqueue(String sessionId, String text) {
        QuarkusTransaction.requiringNew().run(() -> inbox.enqueue(sessionId, null, null, text, null));
    }

    /** Runs {@code test} while the next claim of a message holding {@link StoreFaultTrigger#HANG} hangs. */
    private void withSlowClaims(ThrowingRunnable test) throws Exception {
        sql.update("CREATE TRIGGER IF NOT EXISTS test_slow_claims BEFORE UPDATE ON inbox_message"
                + " FOR EACH ROW CALL \"" + StoreFaultTrigger.class.getName() + "\"");
        try {
            StoreFaultTrigger.hangs.set(1);
            test.run();
        } finally {
            StoreFaultTrigger.hangs.set(0);
            sql.update("DROP TRIGGER IF EXISTS test_slow_claims");
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private String awaitRegistered() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (registry.currentId().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return registry.currentId().orElseThrow();
    }
}
