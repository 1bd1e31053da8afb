package io.github.telegrammcp.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.github.telegrammcp.fake.InjectFakeBotApi;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The command menu and the bot's identity, asked on the event loop: retries, give-ups and the menu itself. */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class CommandMenuTest {

    static final Duration LONG = Duration.ofSeconds(30);

    @InjectFakeBotApi
    FakeBotApi fake;

    @Inject
    TelegramClient client;

    @Inject
    CommandMenu menu;

    /**
     * The application's own calls (its start-up, or an earlier test class sharing it) are over: no getMe or
     * setMyCommands for 1.5 s, so that the calls counted are the test's and nobody else takes its scripted failures.
     */
    @BeforeEach
    void othersQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        int seen = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            int now = fake.calls("getMe").size() + fake.calls("setMyCommands").size();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(1500)) {
                return;
            }
            Thread.sleep(100);
        }
    }

    @Test
    void getMeLaterRetriesServerErrorsAndLearnsTheUsername() {
        fake.failNext("getMe", 502, null);
        fake.failNext("getMe", 500, null);
        int before = fake.calls("getMe").size();

        var me = client.getMeLater(true, LONG).await().atMost(LONG);

        assertThat(me.username()).isNotBlank();
        assertThat(client.botUsername()).contains(me.username());
        assertThat(fake.calls("getMe").size() - before).as("two failures, then the answer").isEqualTo(3);
    }

    @Test
    void oneAttemptOnlyWhenNotRetriedAndNoRetryForAClientError() {
        fake.failNext("getMe", 502, null);
        assertThatThrownBy(() -> client.getMeLater(false, LONG).await().atMost(LONG))
                .isInstanceOf(TelegramApiException.class);

        fake.failNext("getMe", 401, "Unauthorized");
        int before = fake.calls("getMe").size();
        assertThatThrownBy(() -> client.getMeLater(true, LONG).await().atMost(LONG))
                .isInstanceOf(TelegramApiException.class).hasMessageContaining("Unauthorized");
        assertThat(fake.calls("getMe").size() - before).isEqualTo(1);
    }

    @Test
    void aCallThatHangsEndsAfterItsBound() {
        fake.delayNext("getMe", Duration.ofSeconds(20));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.getMeLater(false, Duration.ofSeconds(1)).await().atMost(LONG))
                .isInstanceOf(TelegramApiException.class).hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void theMenuIsRegisteredWithoutATelegramCallOnTheCallersThread() throws Exception {
        int before = fake.calls("setMyCommands").size();
        fake.delayNext("getMe", Duration.ofSeconds(2));
        long started = System.nanoTime();

        menu.registerInBackground();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("returns before getMe answers")
                .isLessThan(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + LONG.toNanos();
        while (fake.calls("setMyCommands").size() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fake.calls("setMyCommands").size()).isGreaterThan(before);
    }
}
