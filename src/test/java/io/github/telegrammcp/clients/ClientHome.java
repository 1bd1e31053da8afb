package io.github.telegrammcp.clients;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A throw-away HOME and project directory under {@code target/real-clients/<name>} (kept after the run for its logs),
 * set up the way a user sets it up: by running {@code bin/telegram-mcp-server --setup --yes} with the clients on PATH.
 * Every client and server started from here gets a clean environment: this HOME, PATH with the clients first, and
 * nothing of the developer's own TELEGRAM_*, ANTHROPIC_*, OPENAI_* or GEMINI_* variables.
 */
public final class ClientHome {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final Path home;
    private final Path project;
    private final Path clientBin;

    private ClientHome(Path root, Path clientBin) throws IOException {
        this.root = root;
        this.home = Files.createDirectories(root.resolve("home"));
        this.project = Files.createDirectories(root.resolve("project"));
        this.clientBin = clientBin;
    }

    /** A fresh directory for {@code name} (an earlier run's is removed); the clients come from {@code clientBin}. */
    public static ClientHome fresh(String name, Path clientBin) throws IOException {
        Path root = Path.of("target", "real-clients", name).toAbsolutePath();
        if (Files.exists(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return new ClientHome(Files.createDirectories(root), clientBin);
    }

    public Path root() {
        return root;
    }

    public Path home() {
        return home;
    }

    public Path project() {
        return project;
    }

    /** The environment for clients and the setup: HOME, PATH (clients first), locale, terminal, Java. */
    public Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("PATH", clientBin + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "C.UTF-8");
        env.put("TERM", "xterm-256color");
        env.put("TMPDIR", System.getProperty("java.io.tmpdir"));
        String javaHome = System.getenv("JAVA_HOME");
        env.put("JAVA_HOME", javaHome != null ? javaHome : System.getProperty("java.home"));
        return env;
    }

    /**
     * Runs {@code bin/telegram-mcp-server --setup} in the project with {@code args} (add {@code --yes} and friends),
     * with the Bot API at {@code apiUrl}; returns what it printed, or fails with it when it did not exit 0.
     */
    public String setup(String apiUrl, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(StdioTap.LAUNCHER.toString(), "--setup"));
        command.addAll(List.of(args));
        Path output = root.resolve("setup.out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env());
        builder.environment().put("TELEGRAM_API_URL", apiUrl);
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the setup did not finish in 3 minutes: " + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("the setup exited with " + process.exitValue() + ":\n" + printed);
        }
        return printed;
    }

    /** Adds a setting to the server's configuration file (which the setup created), e.g. TELEGRAM_API_URL. */
    public void addServerSetting(String key, String value) throws IOException {
        Path file = home.resolve(".config/telegram-mcp-server/config.properties");
        Files.writeString(file, Files.readString(file) + key + "=" + value + "\n");
    }

    /** The servers' log file in the default state directory under this HOME. */
    public Path serverLog() {
        return home.resolve(".local/state/telegram-mcp-server/logs/telegram-mcp-server.log");
    }

    /** Waits until the servers' log file contains {@code text}. */
    public void awaitServerLog(String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(Files.exists(serverLog()) && Files.readString(serverLog()).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server log " + serverLog() + " never said \"" + text + "\"");
            }
            Thread.sleep(200);
        }
    }

    /** Reads a JSON file of this HOME or project (an empty object when it does not exist). */
    public ObjectNode readJson(Path file) throws IOException {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        JsonNode node = JSON.readTree(file.toFile());
        return node instanceof ObjectNode object ? object : JSON.createObjectNode();
    }

    /** Changes a JSON file in place (creating it and its directory when needed). */
    public void editJson(Path file, Consumer<ObjectNode> change) throws IOException {
        ObjectNode node = readJson(file);
        change.accept(node);
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writeValueAsString(node) + "\n");
    }

    /**
     * What a person does once when starting Claude Code here: finishes onboarding, trusts the project folder, and
     * accepts the API key from the environment (Claude Code remembers the key's last 20 characters).
     */
    public void acceptClaudeCodePrompts(String apiKey) throws IOException {
        editJson(home.resolve(".claude.json"), config -> {
            config.put("hasCompletedOnboarding", true);
            config.withObjectProperty("projects").withObjectProperty(project.toString())
                    .put("hasTrustDialogAccepted", true).put("hasCompletedProjectOnboarding", true);
            ObjectNode responses = config.withObjectProperty("customApiKeyResponses");
            responses.withArrayProperty("approved").add(apiKey.substring(Math.max(0, apiKey.length() - 20)));
            responses.withArrayProperty("rejected");
        });
    }

    /** What a person does once when starting Gemini CLI here: trusts the folder and chooses the API-key sign-in. */
    public void acceptGeminiPrompts() throws IOException {
        editJson(home.resolve(".gemini/trustedFolders.json"), trusted -> trusted.put(project.toString(), "TRUST_FOLDER"));
        editJson(home.resolve(".gemini/settings.json"), settings -> settings.withObjectProperty("security")
                .withObjectProperty("auth").put("selectedType", "gemini-api-key"));
    }
}
