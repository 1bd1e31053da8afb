package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.say;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real Claude Code started as the README says for channels ({@code --dangerously-load-development-channels
 * server:telegram}) with {@code TELEGRAM_CHANNEL=on}. Claude Code reads our capability, but against the model
 * stand-in (an API key, no claude.ai login, no feature flags from Anthropic) its channel gate answers "channels feature
 * is not currently available", so the push itself is tested with a scripted client (e2e/ClaudeChannelIT). This test
 * pins down both halves of that statement, so that a Claude Code that opens channels here shows up as a failure.
 */
@ExtendWith(RealClientWorld.class)
class ClaudeCodeChannelIT {

    static final Duration LONG = Duration.ofMinutes(2);

    @Test
    void claudeCodeReadsTheChannelCapabilityButItsGateKeepsChannelsOffWithoutAClaudeAiLogin(ClientWorld world)
            throws Exception {
        world.setUp("claude");
        world.home().addServerSetting("TELEGRAM_CHANNEL", "on");
        world.model().script(steps(say("Hello.")));
        Path debug = world.workDir().resolve("claude-debug.log");
        TmuxSession terminal = ClaudeCodeCli.interactive(world, Map.of(), ClaudeCodeCli.TELEGRAM_TOOLS,
                "--dangerously-load-development-channels", "server:telegram", "--debug-file", debug.toString());
        terminal.awaitScreen(screen -> screen.contains("Claude Code v") && screen.contains("❯"), LONG);
        // Our server told Claude Code it is a channel ...
        world.tap().awaitServerLine(line -> line.contains("\"claude/channel\":{}"), LONG);
        // ... and Claude Code's gate got past the capability, protocol and provider checks to the feature check.
        String skipped = awaitDebugLine(debug, "Channel notifications skipped", LONG);
        assertThat(skipped).contains("channels feature is not currently available")
                .doesNotContain("did not declare claude/channel");
    }

    private static String awaitDebugLine(Path file, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Claude Code's debug log " + file + " never said \"" + text + "\"");
            }
            Thread.sleep(200);
        }
    }
}
