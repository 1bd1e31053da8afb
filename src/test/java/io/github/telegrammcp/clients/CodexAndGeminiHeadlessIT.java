package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.call;
import static io.github.telegrammcp.clients.ModelScript.say;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static io.github.telegrammcp.clients.StdioTap.isToolCall;
import static io.github.telegrammcp.clients.TelegramTools.NOTIFY;
import static io.github.telegrammcp.clients.TelegramTools.UNATTENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.telegrammcp.mcp.WaitTools;

/**
 * The unattended loop through the real Codex ({@code codex exec}) and Gemini CLI ({@code gemini -p}), each configured
 * by our setup, with the model stand-in speaking their APIs: notify, wait, the owner's instruction arrives as the tool
 * result, and {@code exit} ends the loop.
 */
@ExtendWith(RealClientWorld.class)
class CodexAndGeminiHeadlessIT {

    static final Duration LONG = Duration.ofMinutes(2);

    @Test
    void codexCarriesTheOwnersInstructionsUntilExit(ClientWorld world) throws Exception {
        world.setUp("codex");
        world.model().script(loop());

        ClientProcess codex = CodexCli.exec(world, Map.of(), "Enter unattended mode via Telegram.");

        List<ToolResult> waits = driveTheLoop(world, codex);
        // Codex puts its own lines ("Wall time", "Output:") before the result's text.
        assertThat(waits.get(0).text()).contains(WaitTools.INSTRUCTION_INTRO + "Please write hello.txt");
        assertThat(codex.output()).contains("Leaving unattended mode.");
    }

    @Test
    void geminiCliCarriesTheOwnersInstructionsUntilExit(ClientWorld world) throws Exception {
        world.setUp("gemini");
        world.model().script(loop());

        ClientProcess gemini = GeminiCli.headless(world, Map.of(), "Enter unattended mode via Telegram.",
                "mcp_telegram_telegram_notify,mcp_telegram_telegram_unattended_mode");

        List<ToolResult> waits = driveTheLoop(world, gemini);
        // Gemini CLI wraps every MCP result in <untrusted_context>; the text inside still says whose message it is.
        assertThat(waits.get(0).text()).contains("<untrusted_context>")
                .contains(WaitTools.INSTRUCTION_INTRO + "Please write hello.txt");
        assertThat(gemini.output()).contains("Leaving unattended mode.");
    }

    private static ModelScript loop() {
        return steps(call(NOTIFY, Map.of("event", "progress", "summary", "Started; waiting for instructions")),
                call(UNATTENDED, Map.of("current_status", "Started; waiting for instructions")),
                call(UNATTENDED, Map.of("current_status", "hello.txt written")),
                say("Leaving unattended mode."));
    }

    /** The owner answers the first wait and ends the loop at the second; returns the two wait results. */
    private static List<ToolResult> driveTheLoop(ClientWorld world, ClientProcess client) throws Exception {
        world.tap().awaitClientLine(line -> isToolCall(line, "telegram_unattended_mode"), LONG);
        world.telegram().injectOwnerText("Please write hello.txt");
        world.tap().awaitToolCalls("telegram_unattended_mode", 2, LONG);
        world.telegram().injectOwnerText("exit");

        assertThat(client.awaitExit(LONG)).as("the client ends after the loop").isTrue();
        assertThat(client.exitCode()).as(client.output()).isZero();
        List<ModelRequest> main = world.model().mainRequests();
        List<ToolResult> waits = main.get(main.size() - 1).toolResults().stream()
                .filter(r -> UNATTENDED.equals(r.toolName())).toList();
        assertThat(waits).as(world.model().describe()).hasSize(2);
        assertThat(waits.get(1).text()).contains("ended unattended mode");
        assertThat(world.model().failures()).isEmpty();
        return waits;
    }
}
