package io.github.telegrammcp.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.FakeBotApi;

/** The packaged server started through bin/telegram-mcp-server, as the assistants start it. */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("bin", "telegram-mcp-server").toAbsolutePath();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{"
            + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}";

    @TempDir
    Path dir;

    @Test
    void runsFromAnyDirectoryThroughASymlinkInAPathWithSpaces() throws Exception {
        Path links = Files.createDirectories(dir.resolve("my tools"));
        Path link = Files.createSymbolicLink(links.resolve("tmcp"), LAUNCHER);
        Path elsewhere = Files.createDirectories(dir.resolve("some where"));

        Process process = start(List.of(link.toString(), "--version"), elsewhere, Map.of());
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(out).startsWith("telegram-mcp-server ");
    }

    @Test
    void keepsStdoutForJsonRpcEvenWhenTheJvmWarns() throws Exception {
        // On Java 17 this option makes the JVM warn, by default on stdout.
        Process process = start(List.of(LAUNCHER.toString()), dir,
                Map.of("TELEGRAM_MCP_JAVA_OPTS", "-XX:+UseStringDeduplication"));
        try {
            List<String> lines = exchange(process, INITIALIZE);
            for (String line : lines) {
                assertThat(JsonText.MAPPER.readTree(line).isObject()).as(line).isTrue();
            }
            assertThat(lines).anyMatch(line -> line.contains("\"serverInfo\""));
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void thePackagedServerReadsTheUserConfigurationFile() throws Exception {
        try (FakeBotApi telegram = new FakeBotApi().start()) {
            Path file = dir.resolve("home/.config/telegram-mcp-server/config.properties");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "TELEGRAM_BOT_TOKEN=" + FakeBotApi.TOKEN + "\nTELEGRAM_CHAT_ID=1001\n"
                    + "TELEGRAM_API_URL=" + telegram.baseUrl() + "\n"
                    + "quarkus.mcp.server.server-info.name=named-in-config-file\n");
            Process process = start(List.of(LAUNCHER.toString()), dir, Map.of());
            try {
                List<String> lines = exchange(process, INITIALIZE);
                JsonNode answer = JsonText.MAPPER.readTree(lines.get(lines.size() - 1));
                assertThat(answer.at("/result/serverInfo/name").asText()).isEqualTo("named-in-config-file");
                // Token, chat id and API URL came from the file: the poller talks to the fake.
                telegram.awaitCall(call -> call.method().equals("getUpdates"), Duration.ofSeconds(30));
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theWizardLeavesGetUpdatesToARunningSession() throws Exception {
        try (FakeBotApi telegram = new FakeBotApi().start()) {
            Process server = start(List.of(LAUNCHER.toString()), dir, Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN,
                    "TELEGRAM_CHAT_ID", "1001", "TELEGRAM_API_URL", telegram.baseUrl()));
            try {
                exchange(server, INITIALIZE);
                telegram.awaitPollHeld(Duration.ofSeconds(30));

                SetupRun run = SetupRun.run(dir.resolve("home"), dir, Map.of("TELEGRAM_API_URL", telegram.baseUrl(),
                        "TELEGRAM_STATE_DIR", dir.resolve("state").toString()), "", "--setup", "--token",
                        FakeBotApi.TOKEN, "--client", "none", "--yes", "--no-test-message");

                assertThat(run.out).as(run.toString()).contains("session is running");
                assertThat(run.exitCode).isEqualTo(1);
                assertThat(run.err).contains("--chat-id");
                // Had the wizard polled, Telegram would have ended the session's held poll with 409.
                assertThat(telegram.overlapCount()).isZero();
            } finally {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aDatabaseUrlInTheEnvironmentOrTheConfigurationFileSelectsThePostgresqlBuild() throws Exception {
        // An installed layout: bin/ with quarkus-app beside it, and no PostgreSQL build yet.
        Path installed = Files.createDirectories(dir.resolve("installed/bin"));
        Path launcher = Files.copy(LAUNCHER, installed.resolve("telegram-mcp-server"));
        Path target = LAUNCHER.getParent().getParent().resolve("target");
        Files.createSymbolicLink(installed.resolveSibling("quarkus-app"), target.resolve("quarkus-app"));

        Process plain = start(List.of(launcher.toString(), "--version"), dir, Map.of());
        assertThat(plain.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(plain.exitValue()).isZero();

        Process fromEnv = start(List.of(launcher.toString(), "--version"), dir,
                Map.of("TELEGRAM_DATABASE_URL", "postgresql://u@db/x"));
        assertThat(fromEnv.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(fromEnv.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr.log"))).contains("TELEGRAM_DATABASE_URL is set")
                .contains("quarkus-app-pg");

        Path file = dir.resolve("home/.config/telegram-mcp-server/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "TELEGRAM_DATABASE_URL = postgresql://u@db/x\n");
        Process fromFile = start(List.of(launcher.toString(), "--version"), dir, Map.of());
        assertThat(fromFile.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(fromFile.exitValue()).isEqualTo(1);

        Files.createSymbolicLink(installed.resolveSibling("quarkus-app-pg"), target.resolve("quarkus-app-pg"));
        Process pg = start(List.of(launcher.toString(), "--version"), dir, Map.of());
        String out = new String(pg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pg.exitValue()).isZero();
        assertThat(out).startsWith("telegram-mcp-server ");
    }

    private Process start(List<String> command, Path cwd, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("TELEGRAM_") || key.startsWith("XDG_"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("TELEGRAM_STATE_DIR", dir.resolve("state").toString());
        env.putAll(extraEnv);
        return builder.start();
    }

    /** Sends one request and reads stdout lines until the answer with id 1 (every line must be JSON-RPC). */
    private static List<String> exchange(Process process, String request) throws IOException {
        Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        in.write(request + "\n");
        in.flush();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains("\"id\":1")) {
                break;
            }
        }
        return lines;
    }
}
