package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.call;
import static io.github.telegrammcp.clients.ModelScript.say;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static io.github.telegrammcp.clients.TelegramTools.NOTIFY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

/**
 * Permission prompts of the real Codex ({@code codex exec}) answered from the phone through the PermissionRequest hook
 * our setup writes to {@code ~/.codex/hooks.json}. Codex runs a hook only after a person trusted it under
 * {@code /hooks}; the test stands in for that with {@code --dangerously-bypass-hook-trust}. The sandbox is read-only
 * and the approval policy {@code on-request}: a command that must write asks to leave the sandbox, which needs an
 * approval.
 */
@ExtendWith(RealClientWorld.class)
class CodexApprovalsIT {

    static final Duration LONG = Duration.ofMinutes(2);
    static final String SHELL = "exec_command";
    static final String WRITE_FILE = "node -e \"require('fs').appendFileSync('created.txt', 'x')\"";
    static final String[] OPTIONS = { "--dangerously-bypass-hook-trust", "--ask-for-approval", "on-request",
            "--sandbox", "read-only" };
    /** The model asks to run the command outside the read-only sandbox, which needs an approval. */
    static final Map<String, Object> ESCALATED = Map.of("cmd", WRITE_FILE, "sandbox_permissions", "require_escalated",
            "justification", "Create created.txt in the project");

    @Test
    void theOwnerAllowsACodexCommand(ClientWorld world) throws Exception {
        world.setUp("codex");
        world.model().script(steps(started(), call(SHELL, ESCALATED), say("Done.")));

        TmuxSession codex = CodexCli.interactive(world, "Create created.txt", OPTIONS);

        SentMessage prompt = awaitPrompt(world, codex);
        assertThat(prompt.visibleText()).contains("wants to use Bash").contains("appendFileSync");
        press(world, prompt, "a");

        world.home().awaitServerLog("tool Bash: allowed by the owner", LONG);
        awaitFile(created(world), codex);
        assertThat(Files.readString(created(world))).isEqualTo("x");
    }

    @Test
    void theOwnerDeniesACodexCommand(ClientWorld world) throws Exception {
        world.setUp("codex");
        world.model().script(steps(started(), call(SHELL, ESCALATED), say("Done.")));

        TmuxSession codex = CodexCli.interactive(world, "Create created.txt", OPTIONS);

        press(world, awaitPrompt(world, codex), "d");

        world.home().awaitServerLog("tool Bash: denied by the owner", LONG);
        // Codex tells the model that the command was refused (its words), and runs nothing.
        ToolResult shell = world.model().awaitToolResult(r -> SHELL.equals(r.toolName())
                && !r.text().startsWith("unsupported call"), LONG);
        assertThat(shell.text()).as(codex.screen()).containsIgnoringCase("reject");
        assertThat(created(world)).doesNotExist();
    }

    private static void awaitFile(Path file, TmuxSession codex) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " was not created; terminal:\n" + codex.screen());
            }
            Thread.sleep(100);
        }
    }

    private static ModelScript started() {
        return call(NOTIFY, Map.of("event", "progress", "summary", "Starting"));
    }

    private static Path created(ClientWorld world) {
        return world.home().project().resolve("created.txt");
    }

    private static SentMessage awaitPrompt(ClientWorld world, TmuxSession codex) throws Exception {
        try {
            return world.telegram().awaitSentMessage(m -> m.visibleText().contains("wants to use"), LONG);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nterminal:\n" + codex.screen(), e);
        }
    }

    private static void press(ClientWorld world, SentMessage prompt, String choice) {
        List<String> data = prompt.callbackData();
        world.telegram().injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, prompt.messageId(),
                data.stream().filter(d -> d.endsWith(":" + choice)).findFirst().orElseThrow());
    }
}
