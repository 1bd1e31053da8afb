package io.github.telegrammcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.bot.PollerJob;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.github.telegrammcp.fake.InjectFakeBotApi;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.session.SessionRegistry;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.ProgressNotification;
import io.quarkiverse.mcp.server.ProgressToken;
import io.quarkiverse.mcp.server.ProgressTracker;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class ToolsThroughFakeTest {

    static final Duration SHORT = Duration.ofSeconds(10);

    @InjectFakeBotApi
    FakeBotApi fake;

    @Inject
    NotifyTools notifyTools;

    @Inject
    WaitTools waitTools;

    @Inject
    ContextTools contextTools;

    @Inject
    PollerJob poller;

    @Inject
    SessionRegistry registry;

    @Inject
    InboxService inbox;

    @BeforeEach
    void pollerIsRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!poller.isPolling() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(poller.isPolling()).as("this process polls Telegram").isTrue();
        drainQueue();
        fake.reset();
    }

    @Test
    void notifyReachesTelegramAsEscapedHtmlNamedForTheSession() {
        String result = notifyTools.notify("question", "Deploy <b>now</b> & then?", "Details with `code` and **bold**");
        assertThat(result).startsWith("Notification sent to Telegram as message ");
        SentMessage sent = fake.awaitSentMessage(m -> m.rawText().contains("Deploy"), SHORT);
        assertThat(sent.chatId()).isEqualTo(FakeBotApi.OWNER_CHAT_ID);
        assertThat(sent.parseMode()).isEqualTo("HTML");
        assertThat(sent.rawText()).startsWith("❓ <b>[" + registry.currentName() + "]</b> Deploy &lt;b&gt;now&lt;/b&gt;"
                + " &amp; then?").contains("<code>code</code>").contains("<b>bold</b>");
    }

    @Test
    void replyToANotificationCompletesTheWaitAtOnce() {
        notifyTools.notify("question", "Which database?", null);
        SentMessage question = fake.awaitSentMessage(m -> m.rawText().contains("Which database?"), SHORT);
        var wait = waitTools.waitReply(30, noProgress(), notCancelled(), null).subscribeAsCompletionStage();
        fake.awaitPollHeld(SHORT);
        long start = System.nanoTime();
        fake.injectOwnerReply(question.messageId(), "PostgreSQL please");
        String answer = wait.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(answer).isEqualTo(WaitTools.REPLY_INTRO + "PostgreSQL please");
        assertThat(millis).as("same-process reply latency").isLessThan(5000);
    }

    @Test
    void aMessageThatArrivesAfterATimeoutIsKeptForTheNextWait() throws InterruptedException {
        String first = waitTools.waitReply(1, noProgress(), notCancelled(), null).await().atMost(SHORT);
        assertThat(first).startsWith("No reply within 1 s");
        fake.injectOwnerText("late answer");
        awaitQueued(1);
        String second = waitTools.waitReply(5, noProgress(), notCancelled(), null).await().atMost(SHORT);
        assertThat(second).isEqualTo(WaitTools.REPLY_INTRO + "late answer");
    }

    @Test
    void aCancelledWaitLeavesTheMessageQueuedInOrder() throws InterruptedException {
        fake.injectOwnerText("first");
        fake.injectOwnerText("second");
        awaitQueued(2);
        String cancelled = waitTools.waitReply(5, noProgress(), () -> new Cancellation.Result(true,
                Optional.of("client cancelled")), null).await().atMost(SHORT);
        assertThat(cancelled).contains("cancelled");
        assertThat(waitTools.waitReply(5, noProgress(), notCancelled(), null).await().atMost(SHORT)).endsWith("first");
        assertThat(waitTools.waitReply(5, noProgress(), notCancelled(), null).await().atMost(SHORT)).endsWith("second");
    }

    @Test
    void unattendedModeReturnsTheInstructionAndLeavesOnAnExitWord() throws InterruptedException {
        fake.injectOwnerText("add a README");
        awaitQueued(1);
        String instruction = waitTools.unattendedMode("Set up the project.", 5, noProgress(), notCancelled(), null).await()
                .atMost(SHORT);
        assertThat(instruction).contains(WaitTools.INSTRUCTION_INTRO + "add a README")
                .contains("call telegram_unattended_mode again");
        fake.injectOwnerText("退出");
        awaitQueued(1);
        String exit = waitTools.unattendedMode("README added.", 5, noProgress(), notCancelled(), null).await().atMost(SHORT);
        assertThat(exit).contains("ended unattended mode").contains("do not call telegram_unattended_mode again");
    }

    @Test
    void progressIsReportedWhileWaitingWhenTheClientAskedForIt() {
        RecordingProgress progress = new RecordingProgress();
        String result = waitTools.waitReply(3, progress, notCancelled(), null).await().atMost(SHORT);
        assertThat(result).startsWith("No reply within");
        assertThat(progress.sent).isNotEmpty();
    }

    @Test
    void strangersAreIgnoredAndGetNoAnswer() throws InterruptedException {
        fake.injectText(4242, 4242, "private", "/to " + registry.currentName() + " delete everything");
        fake.injectText(4242, 4242, "private", "/sessions");
        fake.injectOwnerText("/sessions");
        SentMessage list = fake.awaitSentMessage(m -> m.rawText().contains("<b>Sessions</b>"), SHORT);
        assertThat(list.chatId()).isEqualTo(FakeBotApi.OWNER_CHAT_ID);
        assertThat(fake.sentMessages()).noneMatch(m -> m.chatId() == 4242);
        assertThat(inbox.pendingCount(registry.currentId().orElseThrow())).isZero();
    }

    @Test
    void badArgumentsAreClearToolErrors() {
        assertThatThrownBy(() -> notifyTools.notify("completed", "x".repeat(201), null))
                .isInstanceOf(ToolCallException.class).hasMessageContaining("summary is 201 characters; the limit is 200");
        assertThatThrownBy(() -> notifyTools.notify("completed", " ", null))
                .isInstanceOf(ToolCallException.class).hasMessageContaining("'summary' is required");
        // A cap instead of minutes of messages: 1 MB used to become 320 messages over 5.6 minutes.
        assertThatThrownBy(() -> notifyTools.send("x".repeat(40_001)))
                .isInstanceOf(ToolCallException.class)
                .hasMessageStartingWith("message is 40,001 characters; it may have at most 40,000")
                .hasMessageContaining("telegram_send_file");
        assertThatThrownBy(() -> notifyTools.notify("completed", "done", "😀".repeat(40_001)))
                .isInstanceOf(ToolCallException.class).hasMessageStartingWith("details is 40,001 characters");
        assertThatThrownBy(() -> waitTools.waitReply(-1, noProgress(), notCancelled(), null))
                .isInstanceOf(ToolCallException.class)
                .hasMessageContaining("max_wait must be a whole number from 1 to 604800").hasMessageContaining("got -1.");
    }

    @Test
    void telegramErrorsBecomeToolErrorsThatSayWhatToDo() {
        fake.failNext("sendMessage", 403, "Forbidden: bot was blocked by the user");
        assertThatThrownBy(() -> notifyTools.notify("completed", "done", null))
                .isInstanceOf(ToolCallException.class).hasMessageContaining("press Start")
                .hasMessageNotContaining(FakeBotApi.TOKEN);
    }

    @Test
    void rateLimitIsWaitedOutAndTheMessageSentOnce() {
        fake.failNext("sendMessage", 429, null, 1);
        notifyTools.notify("progress", "half way", null);
        assertThat(fake.sentMessages()).filteredOn(m -> m.rawText().contains("half way")).hasSize(1);
    }

    @Test
    void contextInfoIsSentAndReturned() {
        String report = contextTools.contextInfo(250_000L, null);
        assertThat(report).contains("250,000 / 1,000,000 tokens (25.0%)").contains(registry.currentName());
        fake.awaitSentMessage(m -> m.rawText().contains("session report"), SHORT);
    }

    private void awaitQueued(int count) throws InterruptedException {
        String id = registry.currentId().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inbox.pendingCount(id) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(inbox.pendingCount(id)).isEqualTo(count);
    }

    private void drainQueue() {
        String id = registry.currentId().orElseThrow();
        while (inbox.claimNext(id).isPresent()) {
            // discard leftovers of an earlier test
        }
    }

    static Cancellation notCancelled() {
        return () -> new Cancellation.Result(false, Optional.empty());
    }

    static Progress noProgress() {
        return new RecordingProgress(false);
    }

    /** A Progress whose notifications are recorded instead of sent. */
    static final class RecordingProgress implements Progress {
        final List<Long> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        final boolean hasToken;

        RecordingProgress() {
            this(true);
        }

        RecordingProgress(boolean hasToken) {
            this.hasToken = hasToken;
        }

        @Override
        public Optional<ProgressToken> token() {
            return hasToken ? Optional.of(new ProgressToken("t1")) : Optional.empty();
        }

        @Override
        public ProgressNotification.Builder notificationBuilder() {
            return new ProgressNotification.Builder() {
                long progress;

                @Override
                public ProgressNotification.Builder setProgress(long p) {
                    progress = p;
                    return this;
                }

                @Override
                public ProgressNotification.Builder setProgress(double p) {
                    progress = (long) p;
                    return this;
                }

                @Override
                public ProgressNotification.Builder setTotal(long t) {
                    return this;
                }

                @Override
                public ProgressNotification.Builder setTotal(double t) {
                    return this;
                }

                @Override
                public ProgressNotification.Builder setMessage(String m) {
                    return this;
                }

                @Override
                public ProgressNotification build() {
                    long p = progress;
                    return new ProgressNotification() {
                        public ProgressToken token() {
                            return new ProgressToken("t1");
                        }

                        public java.math.BigDecimal total() {
                            return null;
                        }

                        public java.math.BigDecimal progress() {
                            return java.math.BigDecimal.valueOf(p);
                        }

                        public String message() {
                            return null;
                        }

                        public void sendAndForget() {
                            sent.add(p);
                        }

                        public io.smallrye.mutiny.Uni<Void> send() {
                            sent.add(p);
                            return io.smallrye.mutiny.Uni.createFrom().voidItem();
                        }
                    };
                }
            };
        }

        @Override
        public ProgressTracker.Builder trackerBuilder() {
            throw new UnsupportedOperationException();
        }
    }
}
