package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;

/** The prompt service against an in-memory store and a recording chat: asking, waiting, and the endings. */
class ApprovalPromptTest {

    static final Duration LONG = Duration.ofSeconds(20);

    private ApprovalDb db;
    private final ExecutorService blocking = Executors.newCachedThreadPool();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<String> edits = new CopyOnWriteArrayList<>();
    private final AtomicLong nextMessage = new AtomicLong(100);
    private volatile boolean telegramDown;

    private final ApprovalPrompt.Messenger chat = new ApprovalPrompt.Messenger() {
        @Override
        public long chatId() {
            return 1001;
        }

        @Override
        public long send(String html, InlineKeyboardMarkup buttons) {
            if (telegramDown) {
                throw new IllegalStateException("Telegram is down");
            }
            sent.add(html);
            return nextMessage.incrementAndGet();
        }

        @Override
        public void edit(long messageId, String html) {
            edits.add(html);
        }
    };

    @BeforeEach
    void open() throws Exception {
        db = new ApprovalDb();
    }

    @AfterEach
    void close() throws Exception {
        blocking.shutdownNow();
        db.close();
    }

    private ApprovalPrompt prompt() {
        return new ApprovalPrompt(db.store(), chat, "here", ProcessHandle.current().pid(), blocking);
    }

    private static ApprovalRequest request(String command) throws Exception {
        return new ApprovalRequest(ApprovalRequest.Origin.CLAUDE_HOOK, "api", null, "claude:s1", "Bash", null,
                new ObjectMapper().valueToTree(Map.of("command", command)), null);
    }

    /** The owner presses {@code choice} on the only pending prompt, as the polling process would. */
    private void ownerPresses(ApprovalMessage.Choice choice) throws Exception {
        String id = null;
        long deadline = System.nanoTime() + LONG.toNanos();
        while (id == null) {
            try (var rs = db.connection.createStatement().executeQuery(
                    "SELECT id FROM approval_request WHERE verdict IS NULL AND message_id IS NOT NULL")) {
                id = rs.next() ? rs.getString(1) : null;
            }
            if (id == null) {
                assertThat(System.nanoTime()).as("the prompt was stored and sent").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
        ApprovalPresses.press(db.records, ApprovalMessage.data(id, choice), 1001, System.currentTimeMillis(), "here",
                (pid, since) -> true);
    }

    @Test
    void endsWithTheOwnersAnswer() throws Exception {
        var decision = prompt().ask(request("npm test"), Duration.ofMinutes(10), () -> false)
                .subscribeAsCompletionStage();
        ownerPresses(ApprovalMessage.Choice.DENY);

        assertThat(decision.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).verdict())
                .isEqualTo(Verdict.DENY);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).contains("npm test");
    }

    @Test
    void aWakeUpReadsTheAnswerAtOnceAndTheSlowRecheckStaysOutOfTheStoreMeanwhile() throws Exception {
        var woken = io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor.<String> create();
        ApprovalPrompt.Wakes wakes = new ApprovalPrompt.Wakes() {
            @Override
            public io.smallrye.mutiny.Multi<?> forSession(String sessionId) {
                return woken.select().where(sessionId::equals);
            }

            @Override
            public Duration recheck() {
                return Duration.ofHours(1);
            }
        };
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.Origin.PROMPT_TOOL, "api", "s1", "session:s1",
                "Bash", null, new ObjectMapper().valueToTree(Map.of("command", "npm test")), null);
        ApprovalPrompt.Store store = db.store();
        java.util.concurrent.atomic.AtomicInteger storeCalls = new java.util.concurrent.atomic.AtomicInteger();
        ApprovalPrompt.Store counted = new ApprovalPrompt.Store() {
            @Override
            public <T> T call(ApprovalPrompt.Work<T> work) {
                storeCalls.incrementAndGet();
                return store.call(work);
            }
        };
        var decision = new ApprovalPrompt(counted, chat, "here", ProcessHandle.current().pid(), blocking, wakes)
                .ask(request, Duration.ofMinutes(10), () -> false).subscribeAsCompletionStage();
        // Sending takes three calls (a remembered grant, the row, its message); the fourth is the one look right after
        // the prompt subscribed to its wake-ups, for an answer stored meanwhile.
        long deadline = System.nanoTime() + LONG.toNanos();
        while (storeCalls.get() < 4) {
            assertThat(System.nanoTime()).as("the prompt was sent and looked once").isLessThan(deadline);
            Thread.sleep(20);
        }
        ownerPresses(ApprovalMessage.Choice.ALLOW);
        woken.onNext("another-session");
        // Three ticks: no wake-up of its session, no re-check due, so the stored answer is not read yet.
        Thread.sleep(3 * ApprovalPrompt.TICK_AT_MOST.toMillis());
        assertThat(decision).isNotDone();
        assertThat(storeCalls).as("no look at the store without a wake-up").hasValue(4);

        woken.onNext("s1");

        assertThat(decision.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).verdict())
                .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void withoutAnAnswerItEndsAtTheTimeoutAndSaysSoInTheMessage() throws Exception {
        Decision decision = prompt().ask(request("npm test"), Duration.ofMillis(600), () -> false).await()
                .atMost(LONG);

        assertThat(decision.verdict()).isEqualTo(Verdict.TIMEOUT);
        assertThat(edits).singleElement().asString().contains("No answer in time");
    }

    @Test
    void aWithdrawnRequestEndsCancelled() throws Exception {
        AtomicBoolean gone = new AtomicBoolean();
        var decision = prompt().ask(request("npm test"), Duration.ofMinutes(10), gone::get).subscribeAsCompletionStage();
        Thread.sleep(300);
        gone.set(true);

        assertThat(decision.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).verdict())
                .isEqualTo(Verdict.CANCELLED);
        assertThat(edits).singleElement().asString().contains("Answered elsewhere");
    }

    @Test
    void allowForThisSessionAnswersTheSameRequestAgainWithoutAsking() throws Exception {
        var first = prompt().ask(request("make deploy"), Duration.ofMinutes(10), () -> false).subscribeAsCompletionStage();
        ownerPresses(ApprovalMessage.Choice.ALLOW_SESSION);
        assertThat(first.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).verdict())
                .isEqualTo(Verdict.ALLOW_SESSION);

        Decision again = prompt().ask(request("make deploy"), Duration.ofMinutes(10), () -> false).await().atMost(LONG);

        assertThat(again.verdict()).isEqualTo(Verdict.ALLOW_SESSION);
        assertThat(again.remembered()).isTrue();
        assertThat(sent).hasSize(1);
        // Another command is asked again.
        var other = prompt().ask(request("make clean"), Duration.ofMillis(300), () -> false).await().atMost(LONG);
        assertThat(other.verdict()).isEqualTo(Verdict.TIMEOUT);
        assertThat(sent).hasSize(2);
    }

    @Test
    void aPromptThatCannotBeSentFailsAndIsWithdrawn() throws Exception {
        telegramDown = true;

        assertThatThrownBy(() -> prompt().ask(request("npm test"), Duration.ofMinutes(10), () -> false).await()
                .atMost(LONG)).isInstanceOf(ApprovalPrompt.Unavailable.class).hasMessageContaining("Telegram is down");
        try (var rs = db.connection.createStatement().executeQuery("SELECT verdict FROM approval_request")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("cancelled");
        }
    }
}
