package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * A session whose process is killed is marked gone within a minute and its name is free; a new session of the same
 * name in the same directory takes over what the owner had queued for it, and replies to its earlier messages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionLivenessIT {

    static final Duration SHORT = Duration.ofSeconds(20);

    static Path tmp;
    static Path stateDir;
    static FakeBotApi fake;
    static Map<String, String> env;
    static McpServerProcess keeper;
    static McpServerProcess worker;

    @BeforeAll
    static void start() throws Exception {
        tmp = WorkDir.fresh("liveness");
        stateDir = tmp.resolve("state");
        fake = new FakeBotApi().start();
        env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, stateDir);
        keeper = new McpServerProcess(Jar.path(), tmp.resolve("keeper"), env);
        worker = new McpServerProcess(Jar.path(), tmp.resolve("worker"), env);
        ServerRoles.awaitRegistered(stateDir, "worker", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        McpServerProcess.closeAll(fake, keeper, worker);
    }

    @Test
    @Order(1)
    void aKilledSessionIsGoneWithinAMinuteAndKeepsItsQueue() throws Exception {
        worker.call("telegram_notify", Map.of("event", "question", "summary", "Which branch?"));
        fake.awaitSentMessage(m -> m.rawText().contains("Which branch?"), SHORT);
        fake.injectOwnerText("/to worker use main");
        awaitLog("Update", "queued for session worker", SHORT);
        long start = System.nanoTime();
        worker.kill9();
        awaitLog("Session 'worker' is gone", "", Duration.ofSeconds(60));
        long goneMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(goneMillis).as("ms until the killed session is marked gone").isLessThan(60_000);
        System.out.printf("[liveness] killed session gone after %d ms%n", goneMillis);
        fake.injectOwnerText("/to worker are you there?");
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("No live session is called"), SHORT).rawText())
                .contains("<b>worker</b>");
    }

    @Test
    @Order(2)
    void aNewSessionOfTheSameNameInTheSameDirectoryTakesOverTheQueueAndReplies() throws Exception {
        worker = new McpServerProcess(Jar.path(), tmp.resolve("worker"), env);
        ServerRoles.awaitRegistered(stateDir, "worker", Duration.ofSeconds(60));
        String first = McpServerProcess.text(worker.call("telegram_wait_reply", Map.of("max_wait", 10)));
        assertThat(first).isEqualTo(WaitTools.REPLY_INTRO + "use main");
        SentMessage question = fake.awaitSentMessage(m -> m.rawText().contains("Which branch?"), SHORT);
        fake.injectOwnerReply(question.messageId(), "actually, use develop");
        String reply = McpServerProcess.text(worker.call("telegram_wait_reply", Map.of("max_wait", 20)));
        assertThat(reply).isEqualTo(WaitTools.REPLY_INTRO + "actually, use develop");
        assertThat(log()).contains("Took over 1 queued message(s) of the previous session 'worker'");
    }

    static String log() throws Exception {
        return Files.readString(stateDir.resolve("logs/telegram-mcp-server.log"), StandardCharsets.UTF_8);
    }

    static void awaitLog(String part, String otherPart, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().lines().anyMatch(l -> l.contains(part) && l.contains(otherPart))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the log has no line with '" + part + "' and '" + otherPart + "'");
    }
}
