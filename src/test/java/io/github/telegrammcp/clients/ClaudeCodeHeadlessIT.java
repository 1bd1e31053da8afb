package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.after;
import static io.github.telegrammcp.clients.ModelScript.call;
import static io.github.telegrammcp.clients.ModelScript.say;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static io.github.telegrammcp.clients.StdioTap.isToolCall;
import static io.github.telegrammcp.clients.TelegramTools.NOTIFY;
import static io.github.telegrammcp.clients.TelegramTools.UNATTENDED;
import static io.github.telegrammcp.clients.TelegramTools.WAIT_REPLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.telegrammcp.mcp.WaitTools;

/**
 * The real Claude Code, headless ({@code claude -p}), configured by our setup, running the packaged server against the
 * fake Bot API, with the model stand-in playing an assistant in unattended mode.
 */
@ExtendWith(RealClientWorld.class)
class ClaudeCodeHeadlessIT {

    static final Duration LONG = Duration.ofMinutes(2);
    private static final Pattern PROGRESS = Pattern.compile("\"progress\":(\\d+)");

    @Test
    void theOwnersMessagesDriveTheUnattendedLoopUntilExit(ClientWorld world) throws Exception {
        world.setUp("claude");
        CountDownLatch secondMessageStored = new CountDownLatch(1);
        world.model().script(steps(
                call(NOTIFY, Map.of("event", "progress", "summary", "Started; waiting for instructions")),
                call(UNATTENDED, Map.of("current_status", "Started; waiting for instructions")),
                // The model works on the first instruction; meanwhile the owner sends the next one.
                after(secondMessageStored, LONG, call(NOTIFY, Map.of("event", "completed", "summary", "hello.txt"))),
                call(UNATTENDED, Map.of("current_status", "hello.txt written")),
                call(UNATTENDED, Map.of("current_status", "README updated")),
                say("Leaving unattended mode.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Enter unattended mode via Telegram.",
                ClaudeCodeCli.TELEGRAM_TOOLS);

        // The owner answers while the server waits.
        world.tap().awaitClientLine(line -> isToolCall(line, "telegram_unattended_mode"), LONG);
        world.telegram().injectOwnerText("Please write hello.txt");
        ToolResult first = world.model().awaitToolResult(r -> UNATTENDED.equals(r.toolName()), LONG);
        assertThat(first.error()).isFalse();
        assertThat(first.text()).startsWith(WaitTools.INSTRUCTION_INTRO + "Please write hello.txt")
                .contains("call telegram_unattended_mode again");

        // While the model is busy, the owner sends the next instruction: it is stored, and handed over at the next wait.
        world.telegram().injectOwnerText("Then update the README");
        world.awaitOwnerMessagesStored(LONG);
        secondMessageStored.countDown();
        ToolResult second = world.model().awaitToolResult(
                r -> UNATTENDED.equals(r.toolName()) && !r.callId().equals(first.callId()), LONG);
        assertThat(second.text()).startsWith(WaitTools.INSTRUCTION_INTRO + "Then update the README");

        // The owner ends the loop.
        world.tap().awaitToolCalls("telegram_unattended_mode", 3, LONG);
        world.telegram().injectOwnerText("exit");
        assertThat(claude.awaitExit(LONG)).as("claude -p ends after the loop").isTrue();
        assertThat(claude.exitCode()).as(claude.output()).isZero();
        List<ModelRequest> main = world.model().mainRequests();
        List<ToolResult> waits = main.get(main.size() - 1).toolResults().stream()
                .filter(r -> UNATTENDED.equals(r.toolName())).toList();
        assertThat(waits).hasSize(3);
        assertThat(waits.get(2).text()).contains("ended unattended mode").contains("do not call telegram_unattended_mode");
        assertThat(claude.output()).contains("Leaving unattended mode.");
        assertThat(world.model().failures()).isEmpty();
    }

    /**
     * Two idle timers, shortened: the extension drops a connection from its connection manager after
     * {@code connection-idle-timeout} (and logs it at DEBUG), and Claude Code ends a stdio tool call that sends nothing
     * for {@code CLAUDE_CODE_MCP_TOOL_IDLE_TIMEOUT} (at least 30 s: 2.1.328 applies no smaller value). The wait outlives
     * both: its progress notifications keep Claude Code's timer from firing (without them the model gets "sent no
     * response or progress for 30s; aborting"), and keep coming after the extension dropped the connection.
     */
    @Test
    void aWaitLongerThanTheIdleTimeoutsKeepsSendingProgressAndGetsTheAnswer(ClientWorld world) throws Exception {
        world.setUp("claude");
        world.model().script(steps(call(WAIT_REPLY, Map.of()), say("Got the reply.")));
        Map<String, String> env = Map.of("QUARKUS_MCP_SERVER_CONNECTION_IDLE_TIMEOUT", "3s",
                "CLAUDE_CODE_MCP_TOOL_IDLE_TIMEOUT", "30000", "TELEGRAM_INTERNAL_PROGRESS_SECONDS", "1",
                "TELEGRAM_MCP_JAVA_OPTS", "-Dquarkus.log.file.level=DEBUG"
                        + " -Dquarkus.log.category.\"io.quarkiverse.mcp.server.runtime.ConnectionManager\".level=DEBUG");

        ClientProcess claude = ClaudeCodeCli.headless(world, env, "Ask me on Telegram and wait for my reply.",
                ClaudeCodeCli.TELEGRAM_TOOLS);

        String call = world.tap().awaitClientLine(line -> isToolCall(line, "telegram_wait_reply"), LONG);
        assertThat(call).as("Claude Code asks for progress").contains("progressToken");
        world.home().awaitServerLog("Connection idle timeout expired", LONG);
        int before = world.tap().progressNotifications().size();
        world.tap().awaitProgressNotifications(before + 3, LONG);
        // The server reports how long it has waited: longer than Claude Code's idle time. The seconds it reports skip
        // one now and then (a heartbeat every second, measured on a loaded machine): any figure from 35 on counts.
        world.tap().awaitServerLine(line -> line.contains("\"notifications/progress\"") && progress(line) >= 35, LONG);

        world.telegram().injectOwnerText("Here is my reply");
        ToolResult reply = world.model().awaitToolResult(r -> WAIT_REPLY.equals(r.toolName()), LONG);
        assertThat(reply.error()).isFalse();
        assertThat(reply.text()).isEqualTo(WaitTools.REPLY_INTRO + "Here is my reply");
        assertThat(claude.awaitExit(LONG)).isTrue();
        assertThat(claude.exitCode()).as(claude.output()).isZero();
    }

    /** The progress figure of a notification line, or -1. */
    private static long progress(String line) {
        Matcher m = PROGRESS.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
