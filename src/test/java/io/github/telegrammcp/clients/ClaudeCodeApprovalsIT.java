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

import io.github.telegrammcp.approval.Decision;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

/**
 * Permission prompts of the real Claude Code ({@code claude -p}), answered from the phone: the setup installs the
 * PermissionRequest hook ({@code --yes} does), only the telegram tools are allowed up front, and the scripted model asks
 * to run a shell command that writes a file. The hook puts the prompt to the owner in the fake Telegram, the server that
 * polls routes the owner's press into the store, and the hook prints the decision for Claude Code.
 */
@ExtendWith(RealClientWorld.class)
class ClaudeCodeApprovalsIT {

    static final Duration LONG = Duration.ofMinutes(2);
    static final String BASH = "Bash";
    static final String PROMPT_TOOL = "mcp__telegram__telegram_approve";

    /** A shell command that appends "x" to created.txt (Node is there wherever the clients are). */
    static final String WRITE_FILE = "node -e \"require('fs').appendFileSync('created.txt', 'x')\"";

    @Test
    void theOwnerAllowsTheCommandAndItRuns(ClientWorld world) throws Exception {
        world.setUp("claude");
        world.model().script(steps(started(), call(BASH, Map.of("command", WRITE_FILE, "description",
                "Create created.txt")), say("Done.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Create created.txt", ClaudeCodeCli.TELEGRAM_TOOLS);

        SentMessage prompt = awaitPrompt(world, 1);
        assertThat(prompt.visibleText()).contains("🔐 [project] wants to use Bash").contains("Create created.txt")
                .contains("appendFileSync");
        assertThat(prompt.buttonTexts()).contains("✅ Allow", "⛔ Deny", "✅ Allow for this session");
        press(world, prompt, "a");

        ToolResult bash = world.model().awaitToolResult(r -> BASH.equals(r.toolName()), LONG);
        assertThat(bash.error()).as(bash.text()).isFalse();
        assertThat(Files.readString(created(world))).isEqualTo("x");
        assertThat(world.telegram().awaitEdit(e -> e.messageId() == prompt.messageId(), LONG).rawText())
                .contains("Allowed");
        assertThat(claude.awaitExit(LONG)).isTrue();
        assertThat(claude.exitCode()).as(claude.output()).isZero();
        assertThat(world.home().serverLog()).content().contains("tool Bash: allowed by the owner");
    }

    @Test
    void theOwnerDeniesTheCommandAndTheModelIsTold(ClientWorld world) throws Exception {
        world.setUp("claude");
        world.model().script(steps(started(), call(BASH, Map.of("command", WRITE_FILE, "description",
                "Create created.txt")), say("Done.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Create created.txt", ClaudeCodeCli.TELEGRAM_TOOLS);

        press(world, awaitPrompt(world, 1), "d");

        ToolResult bash = world.model().awaitToolResult(r -> BASH.equals(r.toolName()), LONG);
        assertThat(bash.error()).isTrue();
        assertThat(bash.text()).contains(Decision.DENIED);
        assertThat(created(world)).doesNotExist();
        assertThat(claude.awaitExit(LONG)).isTrue();
        assertThat(world.home().serverLog()).content().contains("tool Bash: denied by the owner");
    }

    @Test
    void allowForThisSessionIsNotAskedAgain(ClientWorld world) throws Exception {
        world.setUp("claude");
        Map<String, Object> write = Map.of("command", WRITE_FILE, "description", "Append to created.txt");
        world.model().script(steps(started(), call(BASH, write), call(BASH, write), say("Done.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Append twice", ClaudeCodeCli.TELEGRAM_TOOLS);

        SentMessage prompt = awaitPrompt(world, 1);
        press(world, prompt, "s");

        assertThat(claude.awaitExit(LONG)).as(claude.output()).isTrue();
        List<ToolResult> results = world.model().mainRequests().get(world.model().mainRequests().size() - 1)
                .toolResults().stream().filter(r -> BASH.equals(r.toolName())).toList();
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.error()).as(r.text()).isFalse());
        assertThat(Files.readString(created(world))).isEqualTo("xx");
        assertThat(prompts(world)).as("the second, identical command was not put to the owner").hasSize(1);
    }

    /**
     * Interactive Claude Code in a terminal: its permission dialog shows, the same prompt reaches the phone, and the
     * owner's answer there closes the dialog.
     */
    @Test
    void inATerminalThePhonesAnswerClosesTheDialog(ClientWorld world) throws Exception {
        world.setUp("claude");
        world.model().script(steps(started(), call(BASH, Map.of("command", WRITE_FILE, "description",
                "Create created.txt")), say("Done.")));
        // Auto mode (2.1.328's default) asks a classifier on Anthropic's servers first, which the stand-in is not.
        TmuxSession terminal = ClaudeCodeCli.interactive(world, Map.of(), ClaudeCodeCli.TELEGRAM_TOOLS,
                "--permission-mode", "default");
        terminal.awaitScreen(screen -> screen.contains("Claude Code v") && screen.contains("❯"), LONG);
        world.tap().awaitServerLine(line -> line.contains("\"telegram_notify\""), LONG);
        terminal.type("Create created.txt");

        SentMessage prompt = awaitPrompt(world, 1);
        Files.writeString(world.workDir().resolve("terminal").resolve("screen-while-asking.log"), terminal.screen());
        press(world, prompt, "a");

        ToolResult bash = world.model().awaitToolResult(r -> BASH.equals(r.toolName()), LONG);
        assertThat(bash.error()).as(bash.text()).isFalse();
        assertThat(Files.readString(created(world))).isEqualTo("x");
        assertThat(Files.readString(world.workDir().resolve("terminal").resolve("screen-while-asking.log")))
                .contains("Do you want to proceed?");
    }

    /** Answered in the terminal instead, the prompt on the phone is withdrawn and its buttons go. */
    @Test
    void answeredInTheTerminalThePhonesPromptIsWithdrawn(ClientWorld world) throws Exception {
        world.setUp("claude");
        world.model().script(steps(started(), call(BASH, Map.of("command", WRITE_FILE, "description",
                "Create created.txt")), say("Done.")));
        TmuxSession terminal = ClaudeCodeCli.interactive(world, Map.of(), ClaudeCodeCli.TELEGRAM_TOOLS,
                "--permission-mode", "default");
        terminal.awaitScreen(screen -> screen.contains("Claude Code v") && screen.contains("❯"), LONG);
        world.tap().awaitServerLine(line -> line.contains("\"telegram_notify\""), LONG);
        terminal.type("Create created.txt");
        SentMessage prompt = awaitPrompt(world, 1);
        terminal.awaitScreen(screen -> screen.contains("Do you want to proceed?"), LONG);

        terminal.type("1");

        assertThat(world.telegram().awaitEdit(e -> e.messageId() == prompt.messageId(), LONG).rawText())
                .contains("Answered elsewhere");
        world.model().awaitToolResult(r -> BASH.equals(r.toolName()) && !r.error(), LONG);
        assertThat(Files.readString(created(world))).isEqualTo("x");
        world.home().awaitServerLog("the request was withdrawn before the owner answered", LONG);
        press(world, prompt, "d");
        world.telegram().awaitCall(c -> c.method().equals("answerCallbackQuery")
                && String.valueOf(c.param("text")).startsWith("Already answered elsewhere"), LONG);
    }

    /**
     * {@code claude -p --permission-prompt-tool mcp__telegram__telegram_approve}, without the hook: Claude Code calls
     * the tool, the owner allows, and the tool's JSON lets the command run with its input unchanged.
     */
    @Test
    void thePermissionPromptToolAsksTheOwnerAndAllows(ClientWorld world) throws Exception {
        world.setUp("claude", "--no-approvals");
        world.model().script(steps(started(), call(BASH, Map.of("command", WRITE_FILE, "description",
                "Create created.txt")), say("Done.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Create created.txt", ClaudeCodeCli.TELEGRAM_TOOLS,
                "--permission-prompt-tool", PROMPT_TOOL);

        SentMessage prompt = awaitPrompt(world, 1);
        assertThat(prompt.visibleText()).contains("wants to use Bash").contains("the call is denied");
        press(world, prompt, "a");

        ToolResult bash = world.model().awaitToolResult(r -> BASH.equals(r.toolName()), LONG);
        assertThat(bash.error()).as(bash.text()).isFalse();
        assertThat(Files.readString(created(world))).isEqualTo("x");
        assertThat(world.tap().clientLines()).anyMatch(line -> StdioTap.isToolCall(line, "telegram_approve"));
        assertThat(claude.awaitExit(LONG)).isTrue();
    }

    @Test
    void thePermissionPromptToolPassesTheDenialToTheModel(ClientWorld world) throws Exception {
        world.setUp("claude", "--no-approvals");
        world.model().script(steps(started(), call(BASH, Map.of("command", WRITE_FILE, "description",
                "Create created.txt")), say("Done.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Create created.txt", ClaudeCodeCli.TELEGRAM_TOOLS,
                "--permission-prompt-tool", PROMPT_TOOL);

        press(world, awaitPrompt(world, 1), "d");

        ToolResult bash = world.model().awaitToolResult(r -> BASH.equals(r.toolName()), LONG);
        assertThat(bash.error()).isTrue();
        assertThat(bash.text()).contains(Decision.DENIED);
        assertThat(created(world)).doesNotExist();
        assertThat(claude.awaitExit(LONG)).isTrue();
    }

    @Test
    void thePermissionPromptToolDoesNotAskAgainAfterAllowForThisSession(ClientWorld world) throws Exception {
        world.setUp("claude", "--no-approvals");
        Map<String, Object> write = Map.of("command", WRITE_FILE, "description", "Append to created.txt");
        world.model().script(steps(started(), call(BASH, write), call(BASH, write), say("Done.")));

        ClientProcess claude = ClaudeCodeCli.headless(world, Map.of(), "Append twice", ClaudeCodeCli.TELEGRAM_TOOLS,
                "--permission-prompt-tool", PROMPT_TOOL);

        press(world, awaitPrompt(world, 1), "s");

        assertThat(claude.awaitExit(LONG)).as(claude.output()).isTrue();
        assertThat(Files.readString(created(world))).isEqualTo("xx");
        assertThat(prompts(world)).hasSize(1);
    }

    /** The model's first step: a notification, so that the session's server runs (and polls) before the prompt. */
    private static ModelScript started() {
        return call(NOTIFY, Map.of("event", "progress", "summary", "Starting"));
    }

    private static Path created(ClientWorld world) {
        return world.home().project().resolve("created.txt");
    }

    private static List<SentMessage> prompts(ClientWorld world) {
        return world.telegram().sentMessages().stream().filter(m -> m.visibleText().contains("wants to use")).toList();
    }

    private static SentMessage awaitPrompt(ClientWorld world, int number) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (prompts(world).size() < number) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no permission prompt reached Telegram; sent: " + world.telegram()
                        .sentMessages().stream().map(SentMessage::visibleText).toList() + "\nmodel: "
                        + world.model().describe());
            }
            Thread.sleep(100);
        }
        return prompts(world).get(number - 1);
    }

    /** The owner presses the prompt's button whose data ends with {@code :choice}. */
    private static void press(ClientWorld world, SentMessage prompt, String choice) {
        String data = prompt.callbackData().stream().filter(d -> d.endsWith(":" + choice)).findFirst().orElseThrow();
        world.telegram().injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, prompt.messageId(), data);
    }
}
