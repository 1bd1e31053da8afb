package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.ForumTopics;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.mcp.WaitTools;

/** TELEGRAM_TOPICS=off changes nothing; a forum supergroup gets a topic per session like a private chat. */
class TopicsOffAndForumIT {

    static final Duration SHORT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void withTopicsOffNothingChangesEvenWhereTheChatHasTopics() throws Exception {
        try (FakeBotApi fake = new FakeBotApi().start()) {
            fake.enablePrivateTopics(true);
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_TOPICS", "off");
            try (McpServerProcess only = new McpServerProcess(Jar.path(), tmp.resolve("solo"), env)) {
                only.call("telegram_send", Map.of("message", "no topic for me"));
                SentMessage sent = fake.awaitSentMessage(m -> m.rawText().contains("no topic for me"), SHORT);
                assertThat(sent.messageThreadId()).isNull();
                CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                        only.call("telegram_wait_reply", Map.of("max_wait", 60))));
                fake.injectOwnerText("plain message");
                assertThat(wait.get(45, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "plain message");
            }
            assertThat(fake.calls("createForumTopic")).isEmpty();
            assertThat(fake.calls()).noneMatch(c -> c.param("message_thread_id") != null);
        }
    }

    @Test
    void whenTelegramWillNotCreateATopicTheSessionWritesInTheMainChatAndSaysSoOnce() throws Exception {
        try (FakeBotApi fake = new FakeBotApi().start()) {
            // TELEGRAM_TOPICS=on tries although getMe says the private chat has no topics; Telegram refuses.
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_TOPICS", "on");
            try (McpServerProcess only = new McpServerProcess(Jar.path(), tmp.resolve("stubborn"), env)) {
                only.call("telegram_send", Map.of("message", "first without a topic"));
                only.call("telegram_send", Map.of("message", "second without a topic"));
                assertThat(fake.awaitSentMessage(m -> m.rawText().contains("first without a topic"), SHORT)
                        .messageThreadId()).isNull();
                assertThat(fake.awaitSentMessage(m -> m.rawText().contains("second without a topic"), SHORT)
                        .messageThreadId()).isNull();
            }
            assertThat(fake.calls("createForumTopic")).hasSize(1);
            assertThat(fake.topics(FakeBotApi.OWNER_CHAT_ID)).isEmpty();
            java.util.List<String> lines = java.nio.file.Files.readAllLines(tmp.resolve("state").resolve("logs")
                    .resolve("telegram-mcp-server.log"));
            assertThat(lines).filteredOn(l -> l.contains("Telegram would not create a topic for session stubborn"))
                    .hasSize(1);
        }
    }

    @Test
    void aForumSupergroupGivesEachSessionATopicAndRoutesWhatIsWrittenThere() throws Exception {
        long group = -100_123_456L;
        long member = 4242L;
        try (FakeBotApi fake = new FakeBotApi().start()) {
            fake.addForumSupergroup(group);
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, group,
                    tmp.resolve("state"), "TELEGRAM_ALLOWED_USERS", Long.toString(member));
            try (McpServerProcess one = new McpServerProcess(Jar.path(), tmp.resolve("one"), env);
                    McpServerProcess two = new McpServerProcess(Jar.path(), tmp.resolve("two"), env)) {
                ForumTopics.Topic topicOne = awaitTopic(fake, group, "one");
                ForumTopics.Topic topicTwo = awaitTopic(fake, group, "two");
                CompletableFuture<String> waitOne = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                        one.call("telegram_wait_reply", Map.of("max_wait", 60))));
                CompletableFuture<String> waitTwo = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                        two.call("telegram_wait_reply", Map.of("max_wait", 60))));
                // Telegram marks these as replies to the topics' opening messages; they still go by topic.
                fake.injectTextInTopic(group, member, topicTwo.threadId(), "for two");
                fake.injectTextInTopic(group, member, topicOne.threadId(), "for one");
                assertThat(waitOne.get(45, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "for one");
                assertThat(waitTwo.get(45, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "for two");
                one.call("telegram_send", Map.of("message", "one is done"));
                assertThat(fake.awaitSentMessage(m -> m.rawText().contains("one is done"), SHORT).messageThreadId())
                        .isEqualTo(topicOne.threadId());
                // The General topic keeps today's routing: two live sessions, so the bot asks which.
                fake.injectText(group, member, "supergroup", "who takes this?");
                SentMessage picker = fake.awaitSentMessage(m -> !m.callbackData().isEmpty(), SHORT);
                assertThat(picker.messageThreadId()).isNull();
                assertThat(picker.buttonTexts()).anyMatch(t -> t.contains("one")).anyMatch(t -> t.contains("two"));
            }
        }
    }

    private static ForumTopics.Topic awaitTopic(FakeBotApi fake, long chatId, String name) throws InterruptedException {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (true) {
            var topic = fake.topics(chatId).stream().filter(t -> t.name().equals(name)).findFirst();
            if (topic.isPresent()) {
                return topic.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no topic named " + name + " within " + SHORT);
            }
            Thread.sleep(100);
        }
    }
}
