package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.fake.BotApiTestClient.Reply;

/** Scripted failures and delays, outages, and flood limits. */
class FakeBotApiFaultsTest extends FakeBotApiTestBase {

    private static final String HELLO = "{\"chat_id\":1001,\"text\":\"hello\"}";

    @Test
    void failNextWith429CarriesRetryAfter() {
        fake.failNext("sendMessage", 429, null, 7);

        Reply limited = client.json("sendMessage", HELLO);
        Reply next = client.json("sendMessage", HELLO);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().toString()).isEqualTo("{\"ok\":false,\"error_code\":429,"
                + "\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}");
        assertThat(next.ok()).isTrue();
        assertThat(fake.sentMessages()).hasSize(1);
        assertThat(fake.calls("sendMessage")).as("failed calls are recorded too").hasSize(2);
    }

    @Test
    void failuresQueueUpPerMethodAndIgnoreCase() {
        fake.failNext("SENDMESSAGE", 500, "Internal Server Error");
        fake.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user");

        assertThat(client.get("getMe", null).ok()).isTrue();
        Reply first = client.json("sendMessage", HELLO);
        Reply second = client.json("sendMessage", HELLO);

        assertThat(first.status()).isEqualTo(500);
        assertThat(first.description()).isEqualTo("Internal Server Error");
        assertThat(first.body().has("parameters")).isFalse();
        assertThat(second.status()).isEqualTo(403);
        assertThat(second.description()).isEqualTo("Forbidden: bot was blocked by the user");
        assertThat(client.json("sendMessage", HELLO).ok()).isTrue();
    }

    @Test
    void aFailedGetUpdatesDoesNotConfirmItsOffset() {
        fake.injectOwnerText("one");
        fake.failNext("getUpdates", 502, null);

        Reply failed = client.json("getUpdates", "{\"offset\":500000002}");

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.description()).isEqualTo("Bad Gateway");
        assertThat(fake.pendingUpdates()).hasSize(1);
        assertThat(fake.confirmedOffset()).isZero();
    }

    @Test
    void delayNextHoldsOnlyThatCall() {
        fake.delayNext("sendMessage", Duration.ofMillis(500));

        long start = System.nanoTime();
        client.json("sendMessage", HELLO);
        long delayed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        start = System.nanoTime();
        client.json("sendMessage", HELLO);
        long normal = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(delayed).isGreaterThanOrEqualTo(500);
        assertThat(normal).isLessThan(500);
    }

    @Test
    void aStoppedServerRefusesConnectionsAndRestartsOnTheSamePortWithItsState() throws Exception {
        client.json("sendMessage", HELLO);
        int port = fake.port();

        fake.stop();

        assertThat(fake.isRunning()).isFalse();
        assertThatThrownBy(() -> client.jsonOrThrow("sendMessage", HELLO)).isInstanceOf(IOException.class);
        fake.injectOwnerText("sent while the network was down");

        fake.restart();

        assertThat(fake.port()).isEqualTo(port);
        assertThat(client.jsonOrThrow("sendMessage", HELLO).result().get("message_id").asInt()).isEqualTo(3);
        assertThat(client.jsonOrThrow("getUpdates", "{}").result().get(0).get("message").get("text").asText())
                .isEqualTo("sent while the network was down");
    }

    @Test
    void stoppingDropsAHeldPoll() throws Exception {
        CompletableFuture<Reply> held = client.jsonAsync("getUpdates", "{\"timeout\":2}");
        fake.awaitPollHeld(Duration.ofSeconds(1));

        fake.stop();

        assertThatThrownBy(() -> held.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
        fake.start();
        assertThat(client.json("getUpdates", "{}").ok()).isTrue();
        assertThat(fake.overlapCount()).isZero();
    }

    @Test
    void floodLimitsAreOffByDefault() {
        for (int i = 0; i < 10; i++) {
            assertThat(client.json("sendMessage", HELLO).ok()).isTrue();
        }
    }

    @Test
    void aChatGetsABurstOfThreeThenOnePerSecond() {
        AtomicLong now = new AtomicLong();
        fake.floodClock(now::get);
        fake.enforceFloodLimits(true);
        fake.injectText(2002, 2002, "private", "hi");

        for (int i = 0; i < 3; i++) {
            assertThat(client.json("sendMessage", HELLO).ok()).isTrue();
        }
        Reply limited = client.json("sendMessage", HELLO);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.retryAfter()).isEqualTo(1);
        assertThat(limited.description()).isEqualTo("Too Many Requests: retry after 1");
        assertThat(client.json("sendMessage", "{\"chat_id\":2002,\"text\":\"other chat\"}").ok()).isTrue();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1000));
        assertThat(client.json("sendMessage", HELLO).ok()).isTrue();
        assertThat(client.json("sendMessage", HELLO).status()).isEqualTo(429);
        assertThat(fake.sentMessages()).hasSize(5);
    }

    @Test
    void aRealClockAlsoLimitsABurst() {
        fake.enforceFloodLimits(true);

        Reply last = null;
        for (int i = 0; i < 4; i++) {
            last = client.json("sendMessage", HELLO);
        }

        assertThat(last.status()).as("four sends within a few ms").isEqualTo(429);
        assertThat(last.retryAfter()).isBetween(1, 5);
    }

    @Test
    void theBotGetsThirtyMessagesPerSecondOverall() {
        AtomicLong now = new AtomicLong();
        fake.floodClock(now::get);
        fake.enforceFloodLimits(true);
        for (int chat = 1; chat <= 31; chat++) {
            fake.injectText(10_000 + chat, 10_000 + chat, "private", "hi");
        }

        int accepted = 0;
        Reply last = null;
        for (int chat = 1; chat <= 31; chat++) {
            last = client.json("sendMessage", "{\"chat_id\":" + (10_000 + chat) + ",\"text\":\"news\"}");
            accepted += last.ok() ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(30);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.retryAfter()).isEqualTo(1);
    }
}
