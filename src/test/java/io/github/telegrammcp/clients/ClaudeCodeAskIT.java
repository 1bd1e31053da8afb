package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.call;
import static io.github.telegrammcp.clients.ModelScript.say;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static io.github.telegrammcp.clients.TelegramTools.ASK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

/** telegram_ask through the real Claude Code ({@code claude -p}): the owner's press comes back as the tool result. */
@ExtendWith(RealClientWorld.class)
class ClaudeCodeAskIT {

    static final Duration LONG = Duration.ofMinutes(2);

    @Test
    void thePressedOptionReachesTheModel(ClientWorld world) throws Exception {
        world.setUp("claude");
        world.model().script(steps(call(ASK, Map.of("question", "Which database?", "options",
                List.of("PostgreSQL", "SQLite", "H2"))), say("Using it.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Ask me which database",
                ClaudeCodeCli.TELEGRAM_TOOLS);

        SentMessage question = world.telegram().awaitSentMessage(m -> m.visibleText().contains("Which database?"),
                LONG);
        assertThat(question.visibleText()).startsWith("❓ [project] Which database?");
        assertThat(question.buttonTexts()).containsExactly("PostgreSQL", "SQLite", "H2");
        world.telegram().injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, question.messageId(),
                question.callbackData().get(1));

        ToolResult answer = world.model().awaitToolResult(r -> ASK.equals(r.toolName()), LONG);
        assertThat(answer.error()).isFalse();
        // Claude Code 2.1.328 hands the model the structured content when a result has one, instead of the text.
        assertThat(answer.text()).isEqualTo("{\"choice\":\"SQLite\",\"index\":1}");
        String result = world.tap().awaitServerLine(line -> line.contains("structuredContent"), LONG);
        assertThat(result).contains("\"structuredContent\":{\"choice\":\"SQLite\",\"index\":1}")
                .contains("The owner chose \\\"SQLite\\\" (option 1");
        assertThat(world.telegram().awaitEdit(e -> e.messageId() == question.messageId(), LONG).rawText())
                .contains("Chosen: <b>SQLite</b>");
        assertThat(claude.awaitExit(LONG)).isTrue();
        assertThat(claude.exitCode()).as(claude.output()).isZero();
    }
}
