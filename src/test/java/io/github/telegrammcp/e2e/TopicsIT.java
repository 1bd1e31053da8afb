package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.ForumTopics;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.files.TestImages;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * A topic per session, end to end: real server processes ("alpha" and "beta", then alpha again) against the fake Bot
 * API with threaded mode switched on for the bot's private chat (Bot API 9.3/9.4).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsIT {

    static final Duration SHORT = Duration.ofSeconds(30);
    static final long OWNER = FakeBotApi.OWNER_CHAT_ID;

    @TempDir
    static Path tmp;

    static FakeBotApi fake;
    static Map<String, String> env;
    static McpServerProcess alpha;
    static McpServerProcess beta;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeBotApi().start();
        fake.enablePrivateTopics(true);
        env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, OWNER, tmp.resolve("state"),
                "TELEGRAM_INTERNAL_PROGRESS_SECONDS", "1");
        alpha = new McpServerProcess(Jar.path(), tmp.resolve("alpha"), env);
        beta = new McpServerProcess(Jar.path(), tmp.resolve("beta"), env);
    }

    @AfterAll
    static void stop() {
        McpServerProcess.closeAll(fake, alpha, beta);
    }

    @Test
    @Order(1)
    void eachSessionGetsATopicNamedAfterItWhoseFirstMessageNamesTheProject() {
        ForumTopics.Topic alphaTopic = awaitTopic(OWNER, "alpha");
        ForumTopics.Topic betaTopic = awaitTopic(OWNER, "beta");
        assertThat(alphaTopic.threadId()).isNotEqualTo(betaTopic.threadId());
        SentMessage first = fake.awaitSentMessage(m -> Integer.valueOf(alphaTopic.threadId()).equals(
                m.messageThreadId()), SHORT);
        assertThat(first.visibleText()).contains("[alpha]").contains(tmp.resolve("alpha").toString());

        alpha.call("telegram_notify", Map.of("event", "question", "summary", "Deploy alpha?"));
        beta.call("telegram_send", Map.of("message", "beta is half way"));
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("Deploy alpha?"), SHORT).messageThreadId())
                .isEqualTo(alphaTopic.threadId());
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("beta is half way"), SHORT).messageThreadId())
                .isEqualTo(betaTopic.threadId());
    }

    @Test
    @Order(2)
    void whatTheOwnerWritesInATopicReachesItsSessionWithoutToOrPicker() throws Exception {
        int alphaThread = awaitTopic(OWNER, "alpha").threadId();
        int betaThread = awaitTopic(OWNER, "beta").threadId();
        CompletableFuture<String> alphaWait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                alpha.call("telegram_wait_reply", Map.of("max_wait", 60))));
        CompletableFuture<String> betaWait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                beta.call("telegram_wait_reply", Map.of("max_wait", 60))));
        fake.injectOwnerTextInTopic(betaThread, "beta: run the migration");
        fake.injectOwnerTextInTopic(alphaThread, "alpha: deploy now");
        assertThat(alphaWait.get(45, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "alpha: deploy now");
        assertThat(betaWait.get(45, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "beta: run the migration");
        // Two live sessions and no /keep lock: outside topics this would have asked which session.
        assertThat(fake.sentMessages()).noneMatch(m -> !m.callbackData().isEmpty());
    }

    @Test
    @Order(3)
    void photosRepliesStatusAndFileInATopicNeedNoSessionName() throws Exception {
        int alphaThread = awaitTopic(OWNER, "alpha").threadId();
        int betaThread = awaitTopic(OWNER, "beta").threadId();

        CompletableFuture<String> photoWait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                beta.call("telegram_wait_reply", Map.of("max_wait", 60))));
        fake.injectOwnerPhotoInTopic(betaThread, TestImages.image("png", 40, 30), "the screenshot");
        assertThat(photoWait.get(45, TimeUnit.SECONDS)).contains("The owner sent a photo, saved at:")
                .contains("the screenshot");

        alpha.call("telegram_send", Map.of("message", "alpha asks: which branch?"));
        SentMessage question = fake.awaitSentMessage(m -> m.rawText().contains("which branch?"), SHORT);
        assertThat(question.messageThreadId()).isEqualTo(alphaThread);
        CompletableFuture<String> replyWait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                alpha.call("telegram_wait_reply", Map.of("max_wait", 60))));
        fake.injectOwnerReply(question.messageId(), "main");
        assertThat(replyWait.get(45, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "main");

        fake.injectOwnerTextInTopic(betaThread, "/status");
        SentMessage status = fake.awaitSentMessage(m -> m.rawText().startsWith("<b>beta</b>\nStatus:"), SHORT);
        assertThat(status.messageThreadId()).as("the answer stays in the topic").isEqualTo(betaThread);

        Files.writeString(alpha.projectDir().resolve("NOTES.md"), "alpha's notes: ship on Friday\n");
        fake.injectOwnerTextInTopic(alphaThread, "/file NOTES.md");
        SentMessage file = fake.awaitSentMessage(m -> m.rawText().contains("ship on Friday"), SHORT);
        assertThat(file.messageThreadId()).isEqualTo(alphaThread);
    }

    @Test
    @Order(4)
    void aSessionRestartingUnderItsNameInItsDirectoryGetsItsTopicBack() throws Exception {
        int alphaThread = awaitTopic(OWNER, "alpha").threadId();
        alpha.close();
        alpha = new McpServerProcess(Jar.path(), tmp.resolve("alpha"), env);
        SentMessage again = fake.awaitSentMessage(m -> m.rawText().contains("started again"), SHORT);
        assertThat(again.messageThreadId()).isEqualTo(alphaThread);
        assertThat(fake.topics(OWNER)).hasSize(2);
        assertThat(fake.calls("createForumTopic")).hasSize(2);

        CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                alpha.call("telegram_wait_reply", Map.of("max_wait", 60))));
        fake.injectOwnerTextInTopic(alphaThread, "welcome back");
        assertThat(wait.get(45, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "welcome back");
    }

    @Test
    @Order(5)
    void deleteInTheTopicEndsTheSessionAndClosesItsTopic() throws Exception {
        int betaThread = awaitTopic(OWNER, "beta").threadId();
        fake.injectOwnerTextInTopic(betaThread, "/delete");
        SentMessage answer = fake.awaitSentMessage(m -> m.rawText().startsWith("Removed <b>beta</b>"), SHORT);
        assertThat(answer.messageThreadId()).isEqualTo(betaThread);
        awaitTrue(() -> fake.topics(OWNER).stream().anyMatch(t -> t.threadId() == betaThread && t.closed()),
                "beta's topic closed");
        // What the owner writes there now is answered, not queued for anybody; the closed topic refuses the answer,
        // which therefore arrives in the main chat.
        fake.injectOwnerTextInTopic(betaThread, "still here?");
        SentMessage ended = fake.awaitSentMessage(m -> m.rawText().contains("of this topic has ended"), SHORT);
        assertThat(ended.rawText()).contains("<b>beta</b>");
        assertThat(ended.messageThreadId()).isNull();
        fake.injectOwnerText("/sessions");
        assertThat(fake.awaitSentMessage(m -> m.rawText().startsWith("<b>Sessions</b>"), SHORT).rawText())
                .contains("alpha").doesNotContain("<b>beta</b>");
    }

    @Test
    @Order(6)
    void aRefusedTopicSendsTheSessionToTheMainChatForGoodWithOneLogLine() throws Exception {
        int alphaThread = alphaTopicThread();
        // The owner deletes alpha's topic in the app: Telegram answers "message thread not found" from now on.
        fake.deleteTopic(OWNER, alphaThread);
        String result = McpServerProcess.text(alpha.call("telegram_send", Map.of("message", "first after the loss")));
        assertThat(result).doesNotContain("error");
        SentMessage first = fake.awaitSentMessage(m -> m.rawText().contains("first after the loss"), SHORT);
        assertThat(first.messageThreadId()).as("fell back to the main chat").isNull();
        alpha.call("telegram_send", Map.of("message", "second after the loss"));
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("second after the loss"), SHORT).messageThreadId())
                .isNull();
        long triesInTheLostTopic = fake.calls("sendMessage").stream()
                .filter(c -> String.valueOf(alphaThread).equals(c.param("message_thread_id")))
                .filter(c -> String.valueOf(c.param("text")).contains("after the loss")).count();
        assertThat(triesInTheLostTopic).as("only the first send tried the topic").isEqualTo(1);
        assertThat(logLines("Telegram refused topic " + alphaThread)).hasSize(1);
    }

    @Test
    @Order(7)
    void aDeletedSessionThatComesBackReopensItsTopic() throws Exception {
        int betaThread = awaitTopic(OWNER, "beta").threadId();
        beta.close();
        beta = new McpServerProcess(Jar.path(), tmp.resolve("beta"), env);
        SentMessage again = fake.awaitSentMessage(m -> m.rawText().contains("<b>[beta]</b> started again"), SHORT);
        assertThat(again.messageThreadId()).isEqualTo(betaThread);
        assertThat(fake.topics(OWNER)).filteredOn(t -> t.threadId() == betaThread).singleElement()
                .satisfies(t -> assertThat(t.closed()).isFalse());
        fake.injectOwnerTextInTopic(betaThread, "beta again");
        // The /delete the old process never read was handed over with its queue (session/Handover): it comes first.
        String first = McpServerProcess.text(beta.call("telegram_wait_reply", Map.of("max_wait", 60)));
        String received = first.startsWith("The owner removed this session") ? McpServerProcess.text(
                beta.call("telegram_wait_reply", Map.of("max_wait", 60))) : first;
        assertThat(received).isEqualTo(WaitTools.REPLY_INTRO + "beta again");
    }

    private static int alphaTopicThread() {
        return awaitTopic(OWNER, "alpha").threadId();
    }

    static ForumTopics.Topic awaitTopic(long chatId, String name) {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (true) {
            Optional<ForumTopics.Topic> topic = fake.topics(chatId).stream().filter(t -> t.name().equals(name))
                    .findFirst();
            if (topic.isPresent()) {
                return topic.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no topic named " + name + " within " + SHORT + "; topics: "
                        + fake.topics(chatId));
            }
            sleep(100);
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + SHORT);
            }
            sleep(100);
        }
    }

    private static List<String> logLines(String containing) throws IOException {
        Path log = tmp.resolve("state").resolve("logs").resolve("telegram-mcp-server.log");
        return Files.readAllLines(log).stream().filter(l -> l.contains(containing)).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
