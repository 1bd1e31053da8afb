package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.after;
import static io.github.telegrammcp.clients.ModelScript.call;
import static io.github.telegrammcp.clients.ModelScript.say;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * The real Claude Code, headless ({@code claude -p}), configured by our setup, running the packaged server against the
 * fake Bot API, with the model stand-in playing an assistant in unattended mode.
 */
@ExtendWith(RealClientWorld.class)
class ClaudeCodeHeadlessIT {

    static final String NOTIFY = "mcp__telegram__telegram_notify";
    static final String UNATTENDED = "mcp__telegram__telegram_unattended_mode";
    static final String WAIT_REPLY = "mcp__telegram__telegram_wait_reply";
    static final Duration LONG = Duration.ofMinutes(2);

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
        world.tap().awaitClientLine(line -> isCall(line, "telegram_unattended_mode"), LONG);
        world.telegram().injectOwnerText("Please write hello.txt");
        ToolResult first = world.model().awaitToolResult(r -> UNATTENDED.equals(r.toolName()), LONG);
        assertThat(first.error()).isFalse();
        assertThat(first.text()).startsWith(WaitTools.INSTRUCTION_INTRO + "Please write hello.txt")
                .contains("call telegram_unattended_mode again");

        // While the model is busy, the owner sends the next instruction: it is stored, and handed over at the next wait.
        world.telegram().injectOwnerText("Then update the README");
        awaitStored(world.telegram());
        secondMessageStored.countDown();
        ToolResult second = world.model().awaitToolResult(
                r -> UNATTENDED.equals(r.toolName()) && !r.callId().equals(first.callId()), LONG);
        assertThat(second.text()).startsWith(WaitTools.INSTRUCTION_INTRO + "Then update the README");

        // The owner ends the loop.
        awaitCalls(world, "telegram_unattended_mode", 3);
        world.telegram().injectOwnerText("exit");
        assertThat(claude.awaitExit(LONG)).as("claude -p ends after the loop").isTrue();
        assertThat(claude.exitCode()).as(claude.output()).isZero();
        List<ToolResult> waits = world.model().mainRequests().get(world.model().mainRequests().size() - 1).toolResults()
                .stream().filter(r -> UNATTENDED.equals(r.toolName())).toList();
        assertThat(waits).hasSize(3);
        assertThat(waits.get(2).text()).contains("ended unattended mode").contains("do not call telegram_unattended_mode");
        assertThat(claude.output()).contains("Leaving unattended mode.");
        assertThat(world.model().failures()).isEmpty();
    }

    @Test
    void aWaitLongerThanTheConnectionIdleTimeoutGetsTheAnswerAndKeepsSendingProgress(ClientWorld world)
            throws Exception {
        world.setUp("claude");
        world.model().script(steps(call(WAIT_REPLY, Map.of()), say("Got the reply.")));
        // The extension drops a connection from its connection manager after this idle time (logged at DEBUG).
        Map<String, String> env = Map.of("QUARKUS_MCP_SERVER_CONNECTION_IDLE_TIMEOUT", "3s",
                "TELEGRAM_INTERNAL_PROGRESS_SECONDS", "1",
                "TELEGRAM_MCP_JAVA_OPTS", "-Dquarkus.log.file.level=DEBUG"
                        + " -Dquarkus.log.category.\"io.quarkiverse.mcp.server.runtime.ConnectionManager\".level=DEBUG");

        ClientProcess claude = ClaudeCodeCli.headless(world, env, "Ask me on Telegram and wait for my reply.",
                ClaudeCodeCli.TELEGRAM_TOOLS);

        String call = world.tap().awaitClientLine(line -> isCall(line, "telegram_wait_reply"), LONG);
        assertThat(call).as("Claude Code asks for progress").contains("progressToken");
        awaitLogLine(world, "Connection idle timeout expired", LONG);
        int before = progressLines(world).size();
        awaitProgress(world, before + 3, LONG);

        world.telegram().injectOwnerText("Here is my reply");
        ToolResult reply = world.model().awaitToolResult(r -> WAIT_REPLY.equals(r.toolName()), LONG);
        assertThat(reply.error()).isFalse();
        assertThat(reply.text()).isEqualTo(WaitTools.REPLY_INTRO + "Here is my reply");
        assertThat(claude.awaitExit(LONG)).isTrue();
        assertThat(claude.exitCode()).as(claude.output()).isZero();
    }

    static boolean isCall(String line, String tool) {
        return line.contains("\"tools/call\"") && line.contains("\"" + tool + "\"");
    }

    static void awaitCalls(ClientWorld world, String tool, int count) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (world.tap().clientLines().stream().filter(line -> isCall(line, tool)).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " calls of " + tool + ":\n" + world.model().describe());
            }
            Thread.sleep(100);
        }
    }

    /** Telegram forgets an update once the poller confirmed it, which it does only after storing it. */
    static void awaitStored(FakeBotApi telegram) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!telegram.pendingUpdates().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not store the owner's message: " + telegram.pendingUpdates());
            }
            Thread.sleep(50);
        }
    }

    static List<String> progressLines(ClientWorld world) throws Exception {
        return world.tap().serverLines().stream().filter(line -> line.contains("notifications/progress")).toList();
    }

    static void awaitProgress(ClientWorld world, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (progressLines(world).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + progressLines(world).size() + " progress notifications, wanted "
                        + count);
            }
            Thread.sleep(100);
        }
    }

    static void awaitLogLine(ClientWorld world, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(Files.exists(world.home().serverLog()) && Files.readString(world.home().serverLog()).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server log never said \"" + text + "\"");
            }
            Thread.sleep(200);
        }
    }
}
