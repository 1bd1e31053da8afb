package io.github.telegrammcp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The re-check schedule (TELEGRAM_POLL_INTERVAL, here 1 s) is the safety net of a wait: a message stored without a
 * wake-up (by a process of an older release, say) is still found; and max_wait ends the wait.
 */
@QuarkusTest
@TestProfile(WaitScheduleTest.OneSecondSchedule.class)
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class WaitScheduleTest {

    /** Re-checks every second. */
    public static class OneSecondSchedule implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("telegram.poll-interval", "1");
        }
    }

    @Inject
    WaitService waits;

    @Test
    void aMessageStoredWithoutAWakeUpIsFoundAtTheNextScheduledCheck() throws Exception {
        String session = UUID.randomUUID().toString();
        CompletableFuture<WaitOutcome> wait = waits.await(session, Duration.ofSeconds(30), Optional::empty,
                seconds -> {
                }, elapsed -> Duration.ofSeconds(60)).subscribeAsCompletionStage();
        Thread.sleep(300);
        // Persisted directly, as a process of an older release would: no SessionWakeUp is fired.
        QuarkusTransaction.requiringNew().run(() -> {
            InboxMessage m = new InboxMessage();
            m.sessionId = session;
            m.kind = InboxMessage.KIND_TEXT;
            m.body = "stored quietly";
            m.createdAt = System.currentTimeMillis();
            m.persist();
        });
        long stored = System.nanoTime();
        WaitOutcome outcome = wait.get(20, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(WaitOutcome.Delivered.class);
        assertThat(((WaitOutcome.Delivered) outcome).message().body).isEqualTo("stored quietly");
        assertThat(Duration.ofNanos(System.nanoTime() - stored).toMillis())
                .as("ms from the quiet store to the delivery").isLessThan(5000);
    }

    @Test
    void maxWaitEndsAWaitThatGetsNothing() {
        long start = System.nanoTime();
        var outcome = waits.await(UUID.randomUUID().toString(), Duration.ofSeconds(2), Optional::empty, seconds -> {
        }, elapsed -> Duration.ofSeconds(60)).await().atMost(Duration.ofSeconds(20));
        assertThat(outcome).isInstanceOf(WaitOutcome.TimedOut.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start).toMillis()).isBetween(1900L, 10_000L);
    }
}
