package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * A wait that the client cancels ({@code notifications/cancelled}), one that hits {@code max_wait}, and a client that
 * disconnects mid-wait: the owner's messages stay queued, come back in order at the next wait, and the owner is told in
 * Telegram when a message waits for a session that is not listening. Driven with raw JSON-RPC over stdio.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientEndingsIT {

    static final Duration SHORT = Duration.ofSeconds(20);
    static final String REPLIED = WaitTools.REPLY_INTRO;

    static Path tmp;
    static FakeBotApi fake;
    static Map<String, String> env;
    static RawMcpProcess solo;

    @BeforeAll
    static void start() throws Exception {
        tmp = WorkDir.fresh("client-endings");
        fake = new FakeBotApi().start();
        env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"));
        solo = new RawMcpProcess(Jar.path(), tmp.resolve("solo"), env);
        ServerRoles.awaitRegistered(tmp.resolve("state"), "solo", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (solo != null) {
            solo.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    @Order(1)
    void aCancelledWaitTakesNothingAndTheNextWaitGetsEverythingInOrder() throws Exception {
        RawMcpProcess.Call wait = solo.callTool("telegram_wait_reply", Map.of("max_wait", 120));
        Thread.sleep(1500);
        solo.cancel(wait.id(), "user pressed Esc");
        Thread.sleep(1000);
        fake.injectOwnerText("first");
        fake.injectOwnerText("second");
        fake.injectOwnerText("third");
        // Nobody waits now: the owner learns that the messages are queued.
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("stays queued"), SHORT).rawText())
                .contains("[solo]").contains("(3)");
        assertThat(nextReply()).isEqualTo("first");
        assertThat(nextReply()).isEqualTo("second");
        assertThat(nextReply()).isEqualTo("third");
        assertThat(wait.result()).as("a cancelled call gets no answer at all (the stdio guard drops it)").isNotDone();
    }

    @Test
    @Order(2)
    void aWaitThatHitsMaxWaitLeavesLaterMessagesForTheNextWait() throws Exception {
        JsonNode timedOut = solo.callTool("telegram_wait_reply", Map.of("max_wait", 2)).result().get(20,
                TimeUnit.SECONDS);
        assertThat(RawMcpProcess.text(timedOut)).startsWith("No reply within 2 s");
        fake.injectOwnerText("fourth");
        fake.injectOwnerText("fifth");
        Thread.sleep(1500);
        long start = System.nanoTime();
        assertThat(nextReply()).isEqualTo("fourth");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("a queued message comes at once, not at the next 30 s re-check")
                .isLessThan(5000);
        assertThat(nextReply()).isEqualTo("fifth");
    }

    @Test
    @Order(3)
    void aClientThatDisconnectsMidWaitLosesNothing() throws Exception {
        RawMcpProcess.Call wait = solo.callTool("telegram_wait_reply", Map.of("max_wait", 120));
        Thread.sleep(1000);
        int before = fake.sentMessages().size();
        // The message races the disconnect: it must be answered to the old client, or kept, or refused aloud.
        fake.injectOwnerText("/to solo racing the disconnect");
        assertThat(solo.closeStdin(Duration.ofSeconds(30))).as("the server exits when stdin closes").isTrue();
        boolean answeredToOldClient = wait.result().isDone() && !wait.result().isCompletedExceptionally()
                && RawMcpProcess.text(wait.result().get()).contains("racing the disconnect");
        solo = new RawMcpProcess(Jar.path(), tmp.resolve("solo"), env);
        String next = RawMcpProcess.text(solo.callTool("telegram_wait_reply", Map.of("max_wait", 3)).result()
                .get(30, TimeUnit.SECONDS));
        boolean handedOver = next.equals(REPLIED + "racing the disconnect");
        boolean refused = fake.sentMessages().stream().skip(before)
                .anyMatch(m -> m.rawText().contains("No live session is called"));
        assertThat(new boolean[] { answeredToOldClient, handedOver, refused })
                .as("delivered to the old client, handed to the new session, or refused aloud: exactly one")
                .containsOnlyOnce(true);
    }

    static String nextReply() throws Exception {
        String text = RawMcpProcess.text(solo.callTool("telegram_wait_reply", Map.of("max_wait", 10)).result()
                .get(30, TimeUnit.SECONDS));
        assertThat(text).startsWith(REPLIED);
        return text.substring(REPLIED.length());
    }
}
