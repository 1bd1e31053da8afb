package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.call;
import static io.github.telegrammcp.clients.ModelScript.say;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static io.github.telegrammcp.clients.StdioTap.isToolCall;
import static io.github.telegrammcp.clients.TelegramTools.UNATTENDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.telegrammcp.mcp.WaitTools;

/**
 * The real Claude Code in a terminal, as people run it. Interactive Claude Code moves an MCP call that runs longer than
 * {@code CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS} (default 2 minutes) to the background: the model gets "moved to the
 * background" at once, its turn ends, and the owner's answer comes later as a background-task notification. Here the
 * threshold is shortened to 3 s in the environment Claude Code starts with; our setup writes 0 into the settings' env,
 * which wins over that environment.
 */
@ExtendWith(RealClientWorld.class)
class ClaudeCodeInteractiveIT {

    static final Duration LONG = Duration.ofMinutes(2);
    static final String THRESHOLD_MS = "3000";
    static final Map<String, String> SHORT_THRESHOLD = Map.of("CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS", THRESHOLD_MS,
            "TELEGRAM_INTERNAL_PROGRESS_SECONDS", "1");
    static final String INSTRUCTION = "Please write hello.txt";

    @Test
    void aWaitLongerThanTheAutoBackgroundThresholdStaysInTheForeground(ClientWorld world) throws Exception {
        world.setUp("claude");

        Outcome outcome = waitLongerThanTheThreshold(world);

        assertThat(outcome.screenWhileWaiting()).contains("Waiting for the owner on Telegram (");
        assertThat(outcome.result().text()).doesNotContain("moved to the background")
                .startsWith(WaitTools.INSTRUCTION_INTRO + INSTRUCTION);
        assertThat(world.model().mainRequests()).noneMatch(r -> r.userTexts().stream()
                .anyMatch(text -> text.contains("task-notification")));
    }

    @Test
    void withoutTheSettingClaudeCodeMovesTheWaitToTheBackground(ClientWorld world) throws Exception {
        world.setUp("claude");
        world.home().editJson(world.home().home().resolve(".claude/settings.json"),
                settings -> settings.withObjectProperty("env").remove("CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS"));

        Outcome outcome = waitLongerThanTheThreshold(world);

        assertThat(outcome.result().text()).contains("moved to the background");
        // The owner's message then reaches the model as a client notification, not as the tool's result; our text
        // still says whose it is and what to do with it.
        ModelRequest notified = world.model().awaitMainRequest(r -> r.userTexts().stream()
                .anyMatch(text -> text.contains("task-notification") && text.contains(INSTRUCTION)), LONG);
        assertThat(notified.lastUserText()).hasValueSatisfying(text -> assertThat(text)
                .contains(WaitTools.INSTRUCTION_INTRO + INSTRUCTION).contains("call telegram_unattended_mode again"));
    }

    /** The terminal just before the owner answered, and the first result Claude Code gave the model for the wait. */
    record Outcome(String screenWhileWaiting, ToolResult result) {
    }

    /** Starts Claude Code in a terminal, asks for unattended mode, lets the wait run three times the threshold, then the
     * owner answers. */
    private static Outcome waitLongerThanTheThreshold(ClientWorld world) throws Exception {
        world.model().script(steps(call(UNATTENDED, Map.of("current_status", "Ready for instructions")),
                say("Working on it.")));
        TmuxSession terminal = ClaudeCodeCli.interactive(world, SHORT_THRESHOLD, ClaudeCodeCli.TELEGRAM_TOOLS);
        // Type once Claude Code shows its prompt and knows the server's tools.
        terminal.awaitScreen(screen -> screen.contains("Claude Code v") && screen.contains("❯"), LONG);
        world.tap().awaitServerLine(line -> line.contains("\"telegram_unattended_mode\""), LONG);
        terminal.type("Enter unattended mode via Telegram.");
        if (!awaitAnyMainRequest(world, Duration.ofSeconds(30))) {
            // A busy machine may have taken the first keys before the input box was ready: press Enter once more.
            terminal.type("");
        }

        world.tap().awaitClientLine(line -> isToolCall(line, "telegram_unattended_mode"), LONG);
        // The server reports how long it has waited in its progress notifications (whole seconds, about one a second:
        // a value may be skipped, so wait for the first at or past three times the threshold).
        int threeTimes = 3 * Integer.parseInt(THRESHOLD_MS) / 1000;
        world.tap().awaitServerLine(line -> line.contains("notifications/progress")
                && progressOf(line) >= threeTimes, LONG);
        String screen = terminal.screen();
        Files.writeString(world.workDir().resolve("terminal").resolve("screen-while-waiting.log"), screen);
        world.telegram().injectOwnerText(INSTRUCTION);
        return new Outcome(screen, world.model().awaitToolResult(r -> UNATTENDED.equals(r.toolName()), LONG));
    }

    /** The {@code progress} value of a progress notification line, or -1. */
    static long progressOf(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"progress\":(\\d+)[,}]").matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static boolean awaitAnyMainRequest(ClientWorld world, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (world.model().mainRequests().isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
