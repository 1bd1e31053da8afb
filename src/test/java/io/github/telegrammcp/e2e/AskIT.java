package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import io.github.telegrammcp.fake.MessageEdit;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * telegram_ask through the packaged server over stdio (raw JSON-RPC) and the fake Bot API: argument errors name the
 * parameter, a press comes back as text and structured content and takes the buttons away, typed words stay queued
 * unless they are an option or allow_text is set, and an answer after max_wait or a cancel is queued for the next wait.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AskIT {

    static final Duration SHORT = Duration.ofSeconds(30);
    static final List<String> OPTIONS = List.of("PostgreSQL", "SQLite", "H2");

    static Path tmp;
    static FakeBotApi fake;
    static Map<String, String> env;
    static RawMcpProcess asker;

    @BeforeAll
    static void start() throws Exception {
        tmp = WorkDir.fresh("ask");
        fake = new FakeBotApi().start();
        env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"));
        asker = new RawMcpProcess(Jar.path(), tmp.resolve("asker"), env);
        ServerRoles.awaitRegistered(tmp.resolve("state"), "asker", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (asker != null) {
            asker.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    @Order(1)
    void badArgumentsNameTheParameterAndSendNothing() throws Exception {
        int before = fake.sentMessages().size();

        assertThat(error(Map.of("question", "Which?", "options", List.of("only")))).contains("options must hold 2 to 8");
        assertThat(error(Map.of("question", "Which?", "options", List.of("A", "B", "C", "D", "E", "F", "G", "H", "I"))))
                .contains("options must hold 2 to 8 answers, got 9");
        assertThat(error(Map.of("question", "Which?", "options", List.of("Yes", " yes "))))
                .contains("options[1] is the same as options[0]");
        assertThat(error(Map.of("question", "Which?", "options", List.of("Yes", "  ")))).contains("options[1] is empty");
        assertThat(error(Map.of("question", "Which?", "options", List.of("Yes", "x".repeat(65))))).contains("options[1]");
        assertThat(error(Map.of("options", List.of("Yes", "No")))).contains("question");
        assertThat(error(Map.of("question", "Which?", "options", List.of("Yes", "No"), "max_wait", 0)))
                .contains("max_wait");

        assertThat(fake.sentMessages()).hasSize(before);
    }

    @Test
    @Order(2)
    void aPressReturnsTheChoiceAsTextAndStructuredContentAndTheButtonsGo() throws Exception {
        RawMcpProcess.Call ask = asker.callTool("telegram_ask", Map.of("question", "Which database?", "options",
                OPTIONS));
        SentMessage question = awaitQuestion("Which database?");
        assertThat(question.visibleText()).startsWith("❓ [asker] Which database?").contains("Press a button.");
        assertThat(question.buttonTexts()).containsExactlyElementsOf(OPTIONS);

        press(question, 2);

        JsonNode result = ask.result().get(SHORT.toSeconds(), TimeUnit.SECONDS).path("result");
        assertThat(result.path("isError").asBoolean()).isFalse();
        assertThat(result.path("structuredContent").toString()).isEqualTo("{\"choice\":\"H2\",\"index\":2}");
        assertThat(result.path("content").path(0).path("text").asText()).startsWith("The owner chose \"H2\" (option 2");
        MessageEdit edit = fake.awaitEdit(e -> e.messageId() == question.messageId(), SHORT);
        assertThat(edit.rawText()).contains("Chosen: <b>H2</b>");
        assertThat(edit.replyMarkup()).as("the buttons are gone").isNull();

        press(question, 0);
        assertThat(fake.awaitCall(c -> c.method().equals("answerCallbackQuery")
                && String.valueOf(c.param("text")).startsWith("Already handled"), SHORT)).isNotNull();
        assertThat(RawMcpProcess.text(wait(2))).as("a second press sends nothing").startsWith("No reply within 2 s");
    }

    @Test
    @Order(3)
    void withoutAllowTextOnlyAnOptionsWordsEndTheWaitAndOtherMessagesStayQueued() throws Exception {
        RawMcpProcess.Call ask = asker.callTool("telegram_ask", Map.of("question", "Which database now?", "options",
                OPTIONS));
        SentMessage question = awaitQuestion("Which database now?");

        fake.injectOwnerText("what is H2?");
        Thread.sleep(1500);
        assertThat(ask.result()).as("words that are no option do not answer").isNotDone();
        fake.injectOwnerText("  sqlite ");

        JsonNode result = ask.result().get(SHORT.toSeconds(), TimeUnit.SECONDS).path("result");
        assertThat(result.path("structuredContent").toString()).isEqualTo("{\"choice\":\"SQLite\",\"index\":1}");
        assertThat(fake.awaitEdit(e -> e.messageId() == question.messageId(), SHORT).rawText())
                .contains("Answered: <i>SQLite</i>");
        assertThat(RawMcpProcess.text(wait(10))).isEqualTo(WaitTools.REPLY_INTRO + "what is H2?");
        press(question, 0);
        assertThat(fake.awaitCall(c -> c.method().equals("answerCallbackQuery")
                && String.valueOf(c.param("text")).startsWith("Already handled"), SHORT)).isNotNull();
    }

    @Test
    @Order(4)
    void withAllowTextTypedWordsAreTheAnswer() throws Exception {
        RawMcpProcess.Call ask = asker.callTool("telegram_ask", Map.of("question", "Which database, or other?",
                "options", OPTIONS, "allow_text", true));
        SentMessage question = awaitQuestion("Which database, or other?");
        assertThat(question.visibleText()).contains("or type your own answer");

        fake.injectOwnerReply(question.messageId(), "MariaDB please");

        JsonNode result = ask.result().get(SHORT.toSeconds(), TimeUnit.SECONDS).path("result");
        assertThat(result.path("structuredContent").toString()).isEqualTo("{\"text\":\"MariaDB please\"}");
        assertThat(result.path("content").path(0).path("text").asText()).startsWith(WaitTools.REPLY_INTRO
                + "MariaDB please").contains("typed this instead of choosing");
        MessageEdit edit = fake.awaitEdit(e -> e.messageId() == question.messageId(), SHORT);
        assertThat(edit.rawText()).contains("Answered: <i>MariaDB please</i>");
        assertThat(edit.replyMarkup()).isNull();
    }

    @Test
    @Order(5)
    void anAnswerAfterMaxWaitIsQueuedForTheNextWait() throws Exception {
        JsonNode timedOut = asker.callTool("telegram_ask", Map.of("question", "Deploy now?", "options",
                List.of("Yes", "No"), "max_wait", 2)).result().get(SHORT.toSeconds(), TimeUnit.SECONDS);
        assertThat(RawMcpProcess.text(timedOut)).startsWith("No answer within 2 s").contains("queued");

        press(awaitQuestion("Deploy now?"), 1);

        assertThat(RawMcpProcess.text(wait(10))).isEqualTo(WaitTools.REPLY_INTRO + "No");
    }

    @Test
    @Order(6)
    void aCancelledAskLeavesTheLaterPressForTheNextWait() throws Exception {
        RawMcpProcess.Call ask = asker.callTool("telegram_ask", Map.of("question", "Run the migration?", "options",
                List.of("Run it", "Not yet"), "max_wait", 120));
        SentMessage question = awaitQuestion("Run the migration?");
        asker.cancel(ask.id(), "user pressed Esc");
        Thread.sleep(1000);

        press(question, 0);

        assertThat(RawMcpProcess.text(wait(10))).isEqualTo(WaitTools.REPLY_INTRO + "Run it");
        assertThat(ask.result()).as("a cancelled call gets no answer").isNotDone();
    }

    @Test
    @Order(7)
    void aPressGoesToTheAskingSessionWhenSeveralRun() throws Exception {
        try (RawMcpProcess other = new RawMcpProcess(Jar.path(), tmp.resolve("other"), env)) {
            ServerRoles.awaitRegistered(tmp.resolve("state"), "other", Duration.ofSeconds(60));
            RawMcpProcess.Call otherWait = other.callTool("telegram_wait_reply", Map.of("max_wait", 8));
            RawMcpProcess.Call ask = asker.callTool("telegram_ask", Map.of("question", "Which one for asker?",
                    "options", OPTIONS));

            press(awaitQuestion("Which one for asker?"), 0);

            JsonNode result = ask.result().get(SHORT.toSeconds(), TimeUnit.SECONDS).path("result");
            assertThat(result.path("structuredContent").path("choice").asText()).isEqualTo("PostgreSQL");
            assertThat(RawMcpProcess.text(otherWait.result().get(SHORT.toSeconds(), TimeUnit.SECONDS)))
                    .startsWith("No reply within 8 s");
        }
    }

    private static String error(Map<String, Object> arguments) throws Exception {
        JsonNode result = asker.callTool("telegram_ask", arguments).result().get(SHORT.toSeconds(), TimeUnit.SECONDS);
        assertThat(result.path("result").path("isError").asBoolean()).as(result.toString()).isTrue();
        return RawMcpProcess.text(result);
    }

    private static JsonNode wait(int seconds) throws Exception {
        return asker.callTool("telegram_wait_reply", Map.of("max_wait", seconds)).result().get(seconds + 30L,
                TimeUnit.SECONDS);
    }

    private static SentMessage awaitQuestion(String question) {
        return fake.awaitSentMessage(m -> m.visibleText().contains(question) && !m.callbackData().isEmpty(), SHORT);
    }

    private static void press(SentMessage question, int option) {
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, question.messageId(),
                question.callbackData().get(option));
    }
}
