package io.github.telegrammcp.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.github.telegrammcp.fake.InjectFakeBotApi;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.mcp.ActionButton;
import io.github.telegrammcp.mcp.McpTestAccess;
import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.SessionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.github.telegrammcp.store.PollState;
import io.github.telegrammcp.mcp.WaitTools;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The owner's side through the fake Bot API: commands, routing rules, buttons, media and authorization. */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class BotCommandsTest {

    static final Duration SHORT = Duration.ofSeconds(10);
    static final String OTHER_ID = "test-other-session";

    @InjectFakeBotApi
    FakeBotApi fake;

    @Inject
    PollerJob poller;

    @Inject
    SessionRegistry registry;

    @Inject
    InboxService inbox;

    @Inject
    McpTestAccess tools;

    String me;

    @BeforeEach
    void ready() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!poller.isPolling() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(poller.isPolling()).isTrue();
        me = registry.currentName();
        String id = registry.currentId().orElseThrow();
        while (inbox.claimNext(id).isPresent()) {
            // leftovers of an earlier test
        }
        fake.reset();
    }

    @AfterEach
    void cleanUp() {
        QuarkusTransaction.requiringNew().run(() -> {
            AgentSession.delete("id", OTHER_ID);
            InboxMessage.delete("sessionId", OTHER_ID);
            PollState.lock(null);
        });
    }

    @Test
    void commandMenuIsRegisteredForTheOwnerChatOnly() throws InterruptedException {
        // Registered beside the first poll, so it may come a moment after polling started.
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (!fake.commandsSet().contains("sessions") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(fake.commandsSet()).contains("sessions", "status", "to", "keep", "file", "delete", "help");
        assertThat(fake.commandScope()).contains("\"chat_id\":" + FakeBotApi.OWNER_CHAT_ID);
    }

    @Test
    void sessionsAndStatusDescribeRunningSessions() {
        addOtherSession();
        fake.injectOwnerText("/sessions");
        SentMessage list = fake.awaitSentMessage(m -> m.rawText().startsWith("<b>Sessions</b>"), SHORT);
        assertThat(list.rawText()).contains("<b>" + me + "</b>").contains("<b>other</b>").contains("(2)");
        fake.injectOwnerText("/status " + me);
        assertThat(fake.awaitSentMessage(m -> m.rawText().startsWith("<b>" + me + "</b>\nStatus:"), SHORT).rawText())
                .contains("Queued messages: 0");
        fake.injectOwnerText("/status nobody");
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("<b>nobody</b>"), SHORT).rawText())
                .contains("No running session is called").contains("<code>other</code>");
        fake.injectOwnerText("/status");
        fake.awaitSentMessage(m -> m.rawText().startsWith("Usage: <code>/status"), SHORT);
        fake.injectOwnerText("/frobnicate");
        fake.awaitSentMessage(m -> m.rawText().startsWith("Unknown command /frobnicate"), SHORT);
        fake.injectOwnerText("/help");
        fake.awaitSentMessage(m -> m.rawText().contains("/keep &lt;name&gt;"), SHORT);
    }

    @Test
    void keepLocksPlainMessagesAndSurvivesInTheStore() throws Exception {
        addOtherSession();
        fake.injectOwnerText("/keep other");
        fake.awaitSentMessage(m -> m.rawText().contains("Plain messages now go to <b>other</b>"), SHORT);
        assertThat(QuarkusTransaction.requiringNew().call(PollState::lockedSession)).contains("other");
        fake.injectOwnerText("for the locked one");
        awaitPending(OTHER_ID, 1);
        fake.injectOwnerText("/keep off");
        fake.awaitSentMessage(m -> m.rawText().startsWith("Unlocked"), SHORT);
        fake.injectOwnerText("/to " + me);
        fake.awaitSentMessage(m -> m.rawText().contains("Plain messages now go to <b>" + me + "</b>"), SHORT);
        fake.injectOwnerText("now to me");
        assertThat(tools.waitReply(5)).endsWith("now to me");
        fake.injectOwnerText("/keep ghost");
        fake.awaitSentMessage(m -> m.rawText().contains("No running session is called <b>ghost</b>"), SHORT);
    }

    @Test
    void severalSessionsGetAPickerAndThePressDeliversOnce() throws Exception {
        addOtherSession();
        fake.injectOwnerText("which of you?");
        SentMessage picker = fake.awaitSentMessage(m -> m.rawText().startsWith("Several sessions are running"), SHORT);
        assertThat(picker.buttonTexts()).containsExactlyInAnyOrder(me, "other");
        assertThat(picker.callbackData()).allSatisfy(d -> assertThat(d.getBytes()).hasSizeLessThanOrEqualTo(64));
        String mine = picker.callbackData().get(picker.buttonTexts().indexOf(me));
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, picker.messageId(), mine);
        assertThat(tools.waitReply(5)).isEqualTo(WaitTools.REPLY_INTRO + "which of you?");
        fake.awaitEdit(e -> e.messageId() == picker.messageId() && e.rawText().contains("➡️ Sent to <b>" + me), SHORT);
        assertThat(fake.answeredCallbacks()).anySatisfy(a -> assertThat(a.text()).isEqualTo("Sent to " + me));

        String theirs = picker.callbackData().get(picker.buttonTexts().indexOf("other"));
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, picker.messageId(), theirs);
        awaitAnswer(ButtonActions.ALREADY_HANDLED);
        assertThat(inbox.pendingCount(OTHER_ID)).isZero();
    }

    @Test
    void staleAndForeignButtonsGetAClearAnswer() {
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, 1, "a:NoSuchId");
        awaitAnswer("This button has expired; nothing was sent.");
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, 1, "something-else");
        awaitAnswer("This button does not belong to any session of this bot.");
    }

    @Test
    void actionButtonsSendTheirActionAndShowTheChoice() throws Exception {
        String result = tools.notifyWithActions("question", "Tests pass. Next?", List.of(
                new ActionButton("Deploy", "Deploy to staging now", "🚀"),
                new ActionButton("Stop", "Stop and summarise", null)));
        assertThat(result).contains("2 button(s)");
        SentMessage sent = fake.awaitSentMessage(m -> m.rawText().contains("Tests pass. Next?"), SHORT);
        assertThat(sent.buttonTexts()).containsExactly("🚀 Deploy", "Stop");
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, sent.messageId(),
                sent.callbackData().get(0));
        assertThat(tools.unattended(5)).contains(WaitTools.INSTRUCTION_INTRO + "Deploy to staging now");
        var edit = fake.awaitEdit(e -> e.messageId() == sent.messageId(), SHORT);
        assertThat(edit.rawText()).startsWith(sent.rawText()).endsWith("➡️ Chosen: <b>🚀 Deploy</b>");
        assertThat(edit.replyMarkup()).isNull();
    }

    @Test
    void aPressThatOvertakesTheRecordOfItsMessageStillShowsTheChoice() throws Exception {
        // The sender stores the message id only after Telegram answered the send; a quick press can come first.
        tools.notifyWithActions("question", "Quick one?", List.of(new ActionButton("Ok", "quick: ok", null)));
        SentMessage sent = fake.awaitSentMessage(m -> m.rawText().contains("Quick one?"), SHORT);
        String group = "grp" + System.nanoTime() % 100000;
        var markup = buttons().createGroup(group, List.of(new ButtonActions.Spec(
                registry.currentId().orElseThrow(), BotAction.CHOICE, "Go <now>", "quick: go", null)));

        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, sent.messageId(),
                markup.inlineKeyboard().get(0).get(0).callbackData());

        assertThat(tools.waitReply(5)).endsWith("quick: go");
        var edit = fake.awaitEdit(e -> e.messageId() == sent.messageId(), SHORT);
        assertThat(edit.visibleText()).startsWith(sent.visibleText()).endsWith("➡️ Chosen: Go <now>");
        assertThat(edit.replyMarkup()).isNull();
    }

    @Test
    void buttonsOfTwoSessionsPressedAtOnceEachDeliverOnce() throws Exception {
        addOtherSession();
        tools.notifyWithActions("question", "Mine?", List.of(new ActionButton("Yes", "mine: yes", null)));
        SentMessage mine = fake.awaitSentMessage(m -> m.rawText().contains("Mine?"), SHORT);
        String group = "grp" + System.nanoTime() % 100000;
        var markup = buttons().createGroup(group, List.of(
                new ButtonActions.Spec(OTHER_ID, BotAction.CHOICE, "Go", "theirs: go", null)));
        String theirs = markup.inlineKeyboard().get(0).get(0).callbackData();
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, mine.messageId(),
                mine.callbackData().get(0));
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, 1, theirs);
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, mine.messageId(),
                mine.callbackData().get(0));
        assertThat(tools.waitReply(5)).endsWith("mine: yes");
        awaitPending(OTHER_ID, 1);
        awaitAnswer(ButtonActions.ALREADY_HANDLED);
        assertThat(inbox.pendingCount(registry.currentId().orElseThrow())).isZero();
    }

    @Test
    void invalidActionsAreToolErrors() {
        assertThatThrownBy(() -> tools.notifyWithActions("question", "x", List.of(
                new ActionButton("1", "a", null), new ActionButton("2", "b", null), new ActionButton("3", "c", null),
                new ActionButton("4", "d", null), new ActionButton("5", "e", null))))
                .isInstanceOf(ToolCallException.class).hasMessageContaining("1 to 4 buttons, got 5");
        assertThatThrownBy(() -> tools.notifyWithActions("question", "x", List.of(new ActionButton(" ", "a", null))))
                .isInstanceOf(ToolCallException.class).hasMessageContaining("actions[0].text is empty");
        assertThatThrownBy(() -> tools.notifyWithActions("question", "y".repeat(201),
                List.of(new ActionButton("ok", "a", null))))
                .isInstanceOf(ToolCallException.class).hasMessageContaining("summary is 201 characters; the limit is 200");
    }

    @Test
    void deleteEndsTheWaitWithAnExitInstructionAndRemovesTheSession() throws Exception {
        addOtherSession();
        fake.injectOwnerText("/delete other");
        fake.awaitSentMessage(m -> m.rawText().startsWith("Removed <b>other</b>"), SHORT);
        AgentSession other = QuarkusTransaction.requiringNew().call(() -> AgentSession.byId(OTHER_ID)).orElseThrow();
        assertThat(other.live()).isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> InboxMessage.count("sessionId = ?1 and kind = ?2",
                OTHER_ID, InboxMessage.KIND_DELETE))).isEqualTo(1);
        fake.injectOwnerText("/delete other");
        fake.awaitSentMessage(m -> m.rawText().contains("No running session is called <b>other</b>"), SHORT);
        fake.injectOwnerText("/delete");
        fake.awaitSentMessage(m -> m.rawText().startsWith("Usage: <code>/delete"), SHORT);
    }

    @Test
    void aPhotoReachesTheSessionAsASavedFile() throws Exception {
        byte[] png = png();
        fake.injectOwnerPhoto(png, "the error on screen");
        String reply = tools.waitReply(10);
        assertThat(reply).startsWith(WaitTools.REPLY_INTRO + "the error on screen\n\nThe owner sent a photo, saved at: ");
        Path saved = Path.of(reply.substring(reply.indexOf("saved at: ") + 10).strip());
        assertThat(saved).isAbsolute().exists();
        assertThat(saved.toString()).contains("/media/");
        byte[] largest = fake.downloads().isEmpty() ? null : Files.readAllBytes(saved);
        assertThat(largest).isEqualTo(png);
    }

    @Test
    void documentsAndVoiceNotesAreSavedToo() throws Exception {
        fake.injectOwnerDocument("notes.txt", "text/plain", "hello file".getBytes(), null);
        String doc = tools.waitReply(10);
        assertThat(doc).contains("The owner sent a document, saved at: ");
        assertThat(Files.readString(Path.of(doc.substring(doc.indexOf("saved at: ") + 10).strip())))
                .isEqualTo("hello file");
        fake.injectOwnerVoice(new byte[] { 79, 103, 103, 83, 0, 1, 2 }, 3);
        assertThat(tools.waitReply(10)).contains("The owner sent a voice note, saved at: ");
    }

    @Test
    void aFailedDownloadSaysWhatFailedAndClaimsNoPath() {
        fake.injectOwnerDocument("notes.txt", "text/plain", "hello file".getBytes(), "see this");
        fake.failNext("getFile", 400, "Bad Request: wrong file_id or the file is temporarily unavailable");
        String reply = tools.waitReply(10);
        assertThat(reply).startsWith(WaitTools.REPLY_INTRO + "see this\n\nThe owner sent a document, but it could not be"
                + " downloaded from Telegram (").endsWith("Ask the owner to send it again.")
                .doesNotContain("saved at");
    }

    @Test
    void filesOverTheDownloadLimitAreRefused() {
        fake.injectOwnerDocument("huge.bin", "application/octet-stream", 25L * 1024 * 1024, null);
        fake.awaitSentMessage(m -> m.rawText().contains("bots can download at most 20 MB"), SHORT);
    }

    @Test
    void strangersGetNothingWhateverTheySend() throws Exception {
        long stranger = 31337;
        fake.injectText(stranger, stranger, "private", "/sessions");
        fake.injectText(stranger, stranger, "private", "/delete " + me);
        fake.injectText(-500, stranger, "group", "/keep " + me);
        fake.injectCallback(stranger, stranger, 1, "a:whatever");
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, stranger, 1, "a:whatever");
        fake.injectEditedOwnerText(1, "edited");
        fake.injectOwnerText("/status " + me);
        fake.awaitSentMessage(m -> m.rawText().startsWith("<b>" + me + "</b>\nStatus:"), SHORT);
        assertThat(fake.sentMessages()).allSatisfy(m -> assertThat(m.chatId()).isEqualTo(FakeBotApi.OWNER_CHAT_ID));
        assertThat(fake.answeredCallbacks()).isEmpty();
        assertThat(registry.liveByName(me)).isPresent();
        assertThat(inbox.pendingCount(registry.currentId().orElseThrow())).isZero();
    }

    @Test
    void fileShowsProjectTextHighlightedAndFilesAsDocuments() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "file-cmd test"));
        Files.writeString(dir.resolve("My Notes.py"), "print('<hello> & bye')\n");
        fake.injectOwnerText("/file " + me + " target/file-cmd test/My Notes.py");
        SentMessage code = fake.awaitSentMessage(m -> m.rawText().contains("My Notes.py"), SHORT);
        assertThat(code.rawText()).contains("<code class=\"language-python\">print('&lt;hello&gt; &amp; bye')");
        fake.injectOwnerText("/file " + me + " \"target/file-cmd test/My Notes.py\" download");
        SentMessage doc = fake.awaitSentMessage(m -> m.kind() == SentMessage.Kind.DOCUMENT, SHORT);
        assertThat(doc.fileName()).isEqualTo("My Notes.py");
        assertThat(new String(doc.bytes())).isEqualTo("print('<hello> & bye')\n");
        Files.write(dir.resolve("blob.bin"), new byte[] { 1, 0, 2, 0, 3 });
        fake.injectOwnerText("/file " + me + " target/file-cmd test/blob.bin");
        assertThat(fake.awaitSentMessage(m -> "blob.bin".equals(m.fileName()), SHORT).bytes()).hasSize(5);
    }

    @Test
    void fileRefusesPathsOutsideTheProjectAndSecretsWithoutForce() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "file-cmd-secrets"));
        Files.writeString(dir.resolve(".env"), "API_KEY=abc123");
        Path link = dir.resolve("hosts-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of("/etc/hosts"));
        fake.injectOwnerText("/file " + me + " ../../etc/passwd");
        fake.awaitSentMessage(m -> m.rawText().contains("passwd") && m.rawText().contains("outside"), SHORT);
        fake.injectOwnerText("/file " + me + " /etc/passwd");
        fake.awaitSentMessage(m -> m.rawText().contains("/etc/passwd") && m.rawText().contains("outside"), SHORT);
        fake.injectOwnerText("/file " + me + " target/file-cmd-secrets/hosts-link");
        fake.awaitSentMessage(m -> m.rawText().contains("hosts-link") && m.rawText().contains("outside"), SHORT);
        fake.injectOwnerText("/file " + me + " target/file-cmd-secrets/.env");
        SentMessage refused = fake.awaitSentMessage(m -> m.rawText().contains("looks like a secret"), SHORT);
        assertThat(refused.rawText()).doesNotContain("abc123").contains("force");
        fake.injectOwnerText("/file " + me + " target/file-cmd-secrets/.env force");
        fake.awaitSentMessage(m -> m.rawText().contains("API_KEY=abc123"), SHORT);
        assertThat(fake.sentMessages()).noneMatch(m -> m.rawText() != null && m.rawText().contains("root:"));
        fake.injectOwnerText("/file " + me);
        fake.awaitSentMessage(m -> m.rawText().startsWith("Usage: <code>/file"), SHORT);
        fake.injectOwnerText("/file nobody x.txt");
        fake.awaitSentMessage(m -> m.rawText().contains("No running session is called <b>nobody</b>"), SHORT);
    }

    private void addOtherSession() {
        long now = System.currentTimeMillis();
        QuarkusTransaction.requiringNew().run(() -> {
            AgentSession other = new AgentSession();
            other.id = OTHER_ID;
            other.name = "other";
            other.liveName = "other";
            other.projectDir = "/tmp/other";
            other.host = "test";
            other.pid = 1;
            other.status = SessionStatus.RUNNING;
            other.startedAt = now;
            other.lastSeen = now;
            other.lastActivity = now;
            other.persist();
        });
    }

    private void awaitPending(String sessionId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (inbox.pendingCount(sessionId) < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(inbox.pendingCount(sessionId)).isEqualTo(count);
    }

    private void awaitAnswer(String text) {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (fake.answeredCallbacks().stream().noneMatch(a -> text.equals(a.text()))
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(fake.answeredCallbacks()).anySatisfy(a -> assertThat(a.text()).isEqualTo(text));
    }

    private static ButtonActions buttons() {
        return io.quarkus.arc.Arc.container().instance(ButtonActions.class).get();
    }

    static byte[] png() throws IOException {
        var image = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
