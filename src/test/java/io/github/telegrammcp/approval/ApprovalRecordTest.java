package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.hook.JdbcApprovalRecords;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The server's queries of approval_request (the Panache entity) on the real H2 store: one verdict per prompt even when
 * presses race, and the same rows as the permission hook's plain JDBC reads and writes them.
 */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
class ApprovalRecordTest {

    @Inject
    DataSource dataSource;

    private static <T> T inTx(ApprovalPrompt.Work<T> work) {
        return QuarkusTransaction.requiringNew().call(() -> work.run(ApprovalRecord.QUERIES));
    }

    private static ApprovalRecords.Row pending(String id, String grantKey, String digest) {
        long now = System.currentTimeMillis();
        return new ApprovalRecords.Row(id, "hook", null, "api", grantKey, "Bash", digest, "rm -rf /tmp/x", "bash", 13,
                "here", 42, null, null, null, now, now + 60_000, null, null, null);
    }

    @Test
    void aVerdictIsSetOnceAndTheMessageIsRecorded() {
        inTx(r -> {
            r.insert(pending("R1", "claude:s1", "d1"));
            return null;
        });
        inTx(r -> {
            r.attachMessage("R1", 1001, 77, "🔐 <b>[api]</b>");
            return null;
        });
        assertThat(ApprovalRecordTest.<Optional<Verdict>> inTx(r -> r.verdict("R1"))).isEmpty();

        assertThat(ApprovalRecordTest.<Boolean> inTx(r -> r.decide("R1", Verdict.DENY, 5, 1001L))).isTrue();
        assertThat(ApprovalRecordTest.<Boolean> inTx(r -> r.decide("R1", Verdict.ALLOW, 6, 1001L))).isFalse();

        ApprovalRecords.Row row = ApprovalRecordTest.<Optional<ApprovalRecords.Row>> inTx(r -> r.find("R1"))
                .orElseThrow();
        assertThat(row.decided()).contains(Verdict.DENY);
        assertThat(row.decidedAt()).isEqualTo(5L);
        assertThat(row.messageId()).isEqualTo(77L);
        assertThat(row.messageHtml()).isEqualTo("🔐 <b>[api]</b>");
        assertThat(ApprovalRecordTest.<Optional<ApprovalRecords.Row>> inTx(r -> r.find("nothing"))).isEmpty();
        assertThat(ApprovalRecordTest.<Optional<Verdict>> inTx(r -> r.verdict("nothing"))).isEmpty();
    }

    @Test
    void pressesRacingInTheirOwnTransactionsDecideOnce() throws Exception {
        inTx(r -> {
            r.insert(pending("R2", null, "d2"));
            return null;
        });
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Verdict verdict = i % 2 == 0 ? Verdict.ALLOW : Verdict.DENY;
                results.add(pool.submit(() -> {
                    start.await();
                    return ApprovalRecordTest.<Boolean> inTx(r -> r.decide("R2", verdict, System.currentTimeMillis(),
                            1001L));
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(ApprovalRecordTest.<Optional<Verdict>> inTx(r -> r.verdict("R2"))).isPresent();
    }

    @Test
    void theHookAndTheServerShareTheRows() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            JdbcApprovalRecords hook = new JdbcApprovalRecords(c);
            hook.insert(pending("R3", "claude:s3", "d3"));
            assertThat(ApprovalRecordTest.<Boolean> inTx(r -> r.decide("R3", Verdict.ALLOW_SESSION, 7, 1001L)))
                    .isTrue();
            assertThat(hook.verdict("R3")).contains(Verdict.ALLOW_SESSION);
            assertThat(hook.decide("R3", Verdict.TIMEOUT, 8, null)).as("decided already").isFalse();
            assertThat(hook.allowedForSession("claude:s3", "Bash", "d3")).isTrue();
        }
        assertThat(ApprovalRecordTest.<Boolean> inTx(r -> r.allowedForSession("claude:s3", "Bash", "d3"))).isTrue();
        assertThat(ApprovalRecordTest.<Boolean> inTx(r -> r.allowedForSession("claude:s3", "Bash", "other input")))
                .isFalse();
        assertThat(ApprovalRecordTest.<Boolean> inTx(r -> r.allowedForSession("claude:other", "Bash", "d3"))).isFalse();
        assertThat(ApprovalRecordTest.<Boolean> inTx(r -> r.allowedForSession(null, "Bash", "d3"))).isFalse();
    }

    @Test
    void promptsOlderThanThirtyDaysGoWhenANewOneIsStored() {
        long old = System.currentTimeMillis() - ApprovalRecords.KEEP_MILLIS - 60_000;
        inTx(r -> {
            r.insert(new ApprovalRecords.Row("OLD", "hook", null, "api", null, "Bash", "d", null, null, 1, "here", 1,
                    null, null, null, old, old + 1, null, null, null));
            return null;
        });
        inTx(r -> {
            r.insert(pending("NEW", null, "d4"));
            return null;
        });
        assertThat(ApprovalRecordTest.<Optional<ApprovalRecords.Row>> inTx(r -> r.find("OLD"))).isEmpty();
        assertThat(ApprovalRecordTest.<Optional<ApprovalRecords.Row>> inTx(r -> r.find("NEW"))).isPresent();
    }
}
