package io.github.telegrammcp.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.e2e.McpServerProcess;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.RecordedCall;
import io.github.telegrammcp.fake.SentMessage;

/**
 * Measures the permission hook ({@code bin/telegram-mcp-server hook permission}) beside a server that polls the fake Bot
 * API, as Claude Code runs it: from the hook's start to the prompt's sendMessage at the fake (the hook's JVM start
 * included), and from the owner's press (the fake receiving it) to the decision on the hook's stdout. With a fourth
 * argument, a PostgreSQL URL (an empty database), both the server and the hook use that database. Prints figures;
 * asserts nothing (run by bench/approvals.sh, not by the test suite).
 */
public final class ApprovalBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path jar = Path.of(args.length > 1 ? args[1] : "target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Path launcher = Path.of(args.length > 2 ? args[2] : "bin/telegram-mcp-server").toAbsolutePath();
        Path tmp = Files.createTempDirectory("tgmcp-approval-bench");
        FakeBotApi fake = new FakeBotApi().start();
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                tmp.resolve("state"));
        if (args.length > 3 && !args[3].isBlank()) {
            env.put("TELEGRAM_DATABASE_URL", args[3]); // then the jar is the PostgreSQL build's
        }
        McpServerProcess server = new McpServerProcess(jar, tmp.resolve("api"), env);
        fake.awaitPollHeld(Duration.ofSeconds(60));

        List<Double> toPhone = new ArrayList<>();
        List<Double> pressToAnswer = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                String command = "rm -rf build-" + i;
                Instant started = Instant.now();
                Process hook = start(launcher, tmp.resolve("api"), env, command);
                CompletableFuture<Instant> printed = CompletableFuture.supplyAsync(() -> firstLine(hook));
                SentMessage prompt = fake.awaitSentMessage(m -> m.visibleText().contains(command), Duration.ofSeconds(60));
                RecordedCall send = fake.calls("sendMessage").stream()
                        .filter(c -> String.valueOf(c.param("text")).contains(command)).findFirst().orElseThrow();
                String allow = prompt.callbackData().stream().filter(d -> d.endsWith(":a")).findFirst().orElseThrow();
                Instant pressed = Instant.now();
                fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, prompt.messageId(), allow);
                Instant answered = printed.get(60, TimeUnit.SECONDS);
                hook.waitFor(30, TimeUnit.SECONDS);
                toPhone.add(Duration.between(started, send.time()).toNanos() / 1e6);
                pressToAnswer.add(Duration.between(pressed, answered).toNanos() / 1e6);
            }
        } finally {
            McpServerProcess.closeAll(fake, server);
        }
        print("hook start -> prompt at the Bot API (ms)", toPhone);
        print("owner's press -> decision on the hook's stdout (ms)", pressToAnswer);
    }

    private static Process start(Path launcher, Path dir, Map<String, String> env, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "hook", "permission").directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(env);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String input = JSON.createObjectNode().put("session_id", "bench").put("hook_event_name", "PermissionRequest")
                .put("tool_name", "Bash").set("tool_input", JSON.createObjectNode().put("command", command)
                        .put("description", "Clean up"))
                .toString();
        try (OutputStream in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        return process;
    }

    private static Instant firstLine(Process process) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            if (line == null || !line.contains("\"allow\"")) {
                throw new IllegalStateException("the hook printed " + line);
            }
            return Instant.now();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String what, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%s: n=%d min %.0f median %.0f p90 %.0f max %.0f%n", what, sorted.size(), sorted.get(0),
                sorted.get(sorted.size() / 2), sorted.get((int) Math.ceil(sorted.size() * 0.9) - 1),
                sorted.get(sorted.size() - 1));
    }
}
