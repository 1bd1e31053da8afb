package io.github.telegrammcp.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The packaged server started as a real process in its own project directory and driven by the Java MCP SDK client
 * over stdio. Its stdout is also copied to a file (through {@code tee}) so that tests can check every line is JSON.
 */
public final class McpServerProcess implements AutoCloseable {

    private final Path projectDir;
    private final Path stdoutCopy;
    private final Path stderrCopy;
    private final String marker = UUID.randomUUID().toString();
    private final List<McpSchema.ProgressNotification> progress = new CopyOnWriteArrayList<>();
    private McpSyncClient client;

    /** Starts the jar in {@code projectDir} with the given environment and initializes the MCP session. */
    public McpServerProcess(Path jar, Path projectDir, Map<String, String> env) throws IOException {
        this.projectDir = Files.createDirectories(projectDir);
        Path logs = Files.createDirectories(projectDir.resolveSibling(projectDir.getFileName() + "-io"));
        this.stdoutCopy = logs.resolve("stdout.jsonl");
        this.stderrCopy = logs.resolve("stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "'" + java + "' -Dtgmcp.test.marker=" + marker + " -jar '" + jar + "' 2>>'" + stderrCopy
                + "' | tee '" + stdoutCopy + "'";
        ServerParameters params = ServerParameters.builder("bash").args("-c", command).env(env).build();
        StdioClientTransport transport = new DirectoryTransport(params, projectDir);
        transport.setStdErrorHandler(line -> {
        });
        client = McpClient.sync(transport)
                .requestTimeout(Duration.ofMinutes(2))
                .initializationTimeout(Duration.ofSeconds(60))
                .progressConsumer(progress::add)
                .build();
        client.initialize();
    }

    public McpSyncClient client() {
        return client;
    }

    public Path projectDir() {
        return projectDir;
    }

    /** Progress notifications received so far. */
    public List<McpSchema.ProgressNotification> progress() {
        return progress;
    }

    /** Calls a tool and returns its result. */
    public McpSchema.CallToolResult call(String tool, Map<String, Object> args) {
        return client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(args).build());
    }

    /** Calls a tool with a progress token so that the server sends progress notifications. */
    public McpSchema.CallToolResult callWithProgress(String tool, Map<String, Object> args, String token) {
        return client.callTool(McpSchema.CallToolRequest.builder().name(tool).arguments(args).progressToken(token)
                .build());
    }

    /** The text of a tool result's first content. */
    public static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    /** Every line the server wrote to stdout so far. */
    public List<String> stdoutLines() throws IOException {
        return Files.exists(stdoutCopy) ? Files.readAllLines(stdoutCopy, StandardCharsets.UTF_8) : List.of();
    }

    /** What the server wrote to stderr. */
    public String stderr() throws IOException {
        return Files.exists(stderrCopy) ? Files.readString(stderrCopy, StandardCharsets.UTF_8) : "";
    }

    /** The Java process's pid (found by its unique marker). */
    public long javaPid() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("-jar")).orElse(false))
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(-1);
    }

    /** Closes stdin, as a client does when it quits, and waits for the server to exit. */
    @Override
    public void close() {
        long pid = javaPid();
        if (client != null) {
            client.closeGracefully();
            client = null;
        }
        if (pid > 0) {
            ProcessHandle.of(pid).ifPresent(p -> {
                try {
                    p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            });
        }
    }

    /** Closes the given server processes (nulls skipped), then the fake Bot API: the teardown of an end-to-end test. */
    public static void closeAll(AutoCloseable fake, McpServerProcess... processes) {
        for (McpServerProcess p : processes) {
            if (p != null) {
                p.close();
            }
        }
        if (fake != null) {
            try {
                fake.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the fake Bot API failed", e);
            }
        }
    }

    /** Kills the Java process with SIGKILL (no shutdown hooks). */
    public void kill9() {
        long pid = javaPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }

    /** The environment a test server needs. */
    public static Map<String, String> env(String apiUrl, String token, long chatId, Path stateDir, String... extra) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("TELEGRAM_API_URL", apiUrl);
        env.put("TELEGRAM_BOT_TOKEN", token);
        env.put("TELEGRAM_CHAT_ID", Long.toString(chatId));
        env.put("TELEGRAM_STATE_DIR", stateDir.toString());
        env.put("HOME", stateDir.resolveSibling("home").toString());
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    /** A transport that starts the server in a chosen working directory. */
    private static final class DirectoryTransport extends StdioClientTransport {
        private final Path directory;

        DirectoryTransport(ServerParameters params, Path directory) {
            super(params, McpJsonDefaults.getMapper());
            this.directory = directory;
        }

        @Override
        protected ProcessBuilder getProcessBuilder() {
            return new ProcessBuilder().directory(directory.toFile());
        }
    }

    static List<String> args(String... a) {
        return new ArrayList<>(List.of(a));
    }
}
