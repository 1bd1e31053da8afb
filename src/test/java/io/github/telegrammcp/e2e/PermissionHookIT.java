package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.fake.AnsweredCallback;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

/**
 * {@code bin/telegram-mcp-server hook permission} as Claude Code runs it, beside a running server that polls the fake
 * Bot API: the prompt, the owner's answer, and every way of ending without one (no server, bad input, the timeout, the
 * hook stopped, the hook killed, a stranger's press).
 */
class PermissionHookIT {

    static final Path LAUNCHER = Path.of("bin", "telegram-mcp-server").toAbsolutePath();
    static final Duration LONG = Duration.ofSeconds(90);
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeBotApi telegram;
    private Path dir;
    private McpServerProcess server;

    @BeforeEach
    void start(TestInfo test) throws IOException {
        telegram = new FakeBotApi().start();
        dir = WorkDir.fresh("PermissionHookIT-" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void stop() {
        McpServerProcess.closeAll(telegram, server);
    }

    private Map<String, String> env(String... extra) {
        return McpServerProcess.env(telegram.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                dir.resolve("state"), extra);
    }

    /** A server in the project "api" that polls the fake. */
    private void startServer() throws IOException {
        server = new McpServerProcess(Jar.path(), dir.resolve("api"), env());
        telegram.awaitPollHeld(LONG);
    }

    private static String input(String command) {
        return JSON.createObjectNode().put("session_id", "cc-session-1").put("cwd", "/nowhere")
                .put("hook_event_name", "PermissionRequest").put("tool_name", "Bash").put("permission_mode", "default")
                .set("tool_input", JSON.createObjectNode().put("command", command).put("description", "Clean up"))
                .toString();
    }

    /** Starts the hook with {@code json} on stdin (then closed), as Claude Code does. */
    private Process hook(String json, String... extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "hook", "permission")
                .directory(Files.createDirectories(dir.resolve("api")).toFile())
                .redirectError(dir.resolve("hook-" + System.nanoTime() + ".err").toFile());
        builder.environment().clear();
        builder.environment().putAll(env(extraEnv));
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        String javaHome = System.getProperty("java.home");
        builder.environment().put("JAVA_HOME", javaHome);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(json.getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    private static String stdout(Process process) throws Exception {
        assertThat(process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS)).as("the hook ended").isTrue();
        assertThat(process.exitValue()).isZero();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }

    private SentMessage awaitPrompt() {
        return telegram.awaitSentMessage(m -> m.visibleText().contains("wants to use Bash"), LONG);
    }

    private void press(SentMessage prompt, long userId, String choice) {
        String data = prompt.callbackData().stream().filter(d -> d.endsWith(":" + choice)).findFirst().orElseThrow();
        telegram.injectCallback(FakeBotApi.OWNER_CHAT_ID, userId, prompt.messageId(), data);
    }

    private AnsweredCallback awaitAnswer(String text) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            for (AnsweredCallback answered : telegram.answeredCallbacks()) {
                if (answered.text() != null && answered.text().contains(text)) {
                    return answered;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no press was answered with \"" + text + "\": " + telegram.answeredCallbacks());
    }

    private void awaitLog(String text, int times) throws Exception {
        Path log = dir.resolve("state/logs/telegram-mcp-server.log");
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!Files.exists(log) || Files.readString(log).split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
            assertThat(System.nanoTime()).as("the log says \"%s\" %d times", text, times).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void theOwnersAllowComesBackAsTheHooksDecision() throws Exception {
        startServer();
        long started = System.nanoTime();
        Process hook = hook(input("rm -rf build && PGPASSWORD=hunter22 psql"));

        SentMessage prompt = awaitPrompt();
        long promptMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(prompt.visibleText()).startsWith("🔐 [api] wants to use Bash").contains("Clean up")
                .contains("rm -rf build && PGPASSWORD=*** psql").doesNotContain("hunter22");
        press(prompt, FakeBotApi.OWNER_CHAT_ID, "a");

        JsonNode answer = JSON.readTree(stdout(hook));
        assertThat(answer.at("/hookSpecificOutput/hookEventName").asText()).isEqualTo("PermissionRequest");
        assertThat(answer.at("/hookSpecificOutput/decision/behavior").asText()).isEqualTo("allow");
        assertThat(awaitAnswer("Allowed.").text()).isEqualTo("Allowed.");
        assertThat(telegram.awaitEdit(e -> e.messageId() == prompt.messageId(), LONG).rawText()).contains("Allowed");
        System.out.printf("hook permission: prompt in Telegram %d ms after the hook started%n", promptMillis);
    }

    @Test
    void withTopicsThePromptGoesIntoTheSessionsTopic() throws Exception {
        telegram.enablePrivateTopics(true);
        startServer();
        int thread = awaitTopic("api");
        Process hook = hook(input("make deploy"));

        SentMessage prompt = awaitPrompt();
        assertThat(prompt.messageThreadId()).isEqualTo(thread);
        press(prompt, FakeBotApi.OWNER_CHAT_ID, "a");
        assertThat(JSON.readTree(stdout(hook)).at("/hookSpecificOutput/decision/behavior").asText()).isEqualTo("allow");
    }

    private int awaitTopic(String name) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (true) {
            var topic = telegram.topics(FakeBotApi.OWNER_CHAT_ID).stream().filter(t -> t.name().equals(name))
                    .findFirst();
            if (topic.isPresent()) {
                return topic.get().threadId();
            }
            assertThat(System.nanoTime()).as("a topic named %s", name).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void onlyTheOwnersPressCountsAndOnlyOnce() throws Exception {
        startServer();
        Process hook = hook(input("make deploy"));
        SentMessage prompt = awaitPrompt();

        press(prompt, 4242, "a"); // someone else in the owner's chat: ignored
        press(prompt, FakeBotApi.OWNER_CHAT_ID, "d");

        assertThat(JSON.readTree(stdout(hook)).at("/hookSpecificOutput/decision/behavior").asText()).isEqualTo("deny");
        press(prompt, FakeBotApi.OWNER_CHAT_ID, "a");
        assertThat(awaitAnswer("Already answered").text()).isEqualTo("Already answered: denied. Nothing changed.");
        assertThat(Files.readString(dir.resolve("state/logs/telegram-mcp-server.log")))
                .contains("update from user 4242 in the owner's chat").contains("tool Bash: denied by the owner");
    }

    @Test
    void withoutAnAnswerInTimeItPrintsNothingAndSaysSo() throws Exception {
        startServer();
        Process hook = hook(input("make deploy"), "TELEGRAM_APPROVAL_TIMEOUT", "10");
        SentMessage prompt = awaitPrompt();
        assertThat(prompt.visibleText()).contains("Without an answer within 10 s, the assistant's terminal asks.");

        assertThat(stdout(hook)).isEmpty();
        assertThat(telegram.awaitEdit(e -> e.messageId() == prompt.messageId(), LONG).rawText())
                .contains("No answer in time");
        press(prompt, FakeBotApi.OWNER_CHAT_ID, "a");
        assertThat(awaitAnswer("Too late").text()).startsWith("Too late");
    }

    @Test
    void aStoppedHookWithdrawsItsPromptAndAKilledOnesPromptExpires() throws Exception {
        startServer();
        Process stopped = hook(input("make one"));
        SentMessage first = awaitPrompt();
        stopped.destroy(); // SIGTERM: what the client does when the person answers in the terminal
        assertThat(stopped.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(telegram.awaitEdit(e -> e.messageId() == first.messageId(), LONG).rawText())
                .contains("Answered elsewhere");

        Process killed = hook(input("make two"));
        SentMessage second = telegram.awaitSentMessage(m -> m.visibleText().contains("make two"), LONG);
        awaitLog("sent: session api wants to use Bash", 2); // the prompt's message is recorded
        killed.destroyForcibly();
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        press(second, FakeBotApi.OWNER_CHAT_ID, "a");
        assertThat(awaitAnswer("Expired").text()).startsWith("Expired");
        assertThat(telegram.awaitEdit(e -> e.messageId() == second.messageId(), LONG).rawText()).contains("Expired");
    }

    @Test
    void withoutARunningServerOrWithBadInputTheTerminalAsks() throws Exception {
        long started = System.nanoTime();
        assertThat(stdout(hook(input("make deploy")))).isEmpty();
        long noServerMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(stdout(hook("not json"))).isEmpty();
        assertThat(stdout(hook("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\"}"))).isEmpty();
        assertThat(telegram.sentMessages()).isEmpty();
        System.out.printf("hook permission without a server: ended after %d ms%n", noServerMillis);
        List<File> errors = List.of(dir.toFile().listFiles((d, name) -> name.endsWith(".err")));
        String stderr = "";
        for (File error : errors) {
            stderr += Files.readString(error.toPath());
        }
        assertThat(stderr).contains("no telegram-mcp-server session has run yet").contains("not JSON")
                .contains("not PermissionRequest").doesNotContain(FakeBotApi.TOKEN);
    }
}
