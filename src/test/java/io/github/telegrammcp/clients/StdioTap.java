package io.github.telegrammcp.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A command that clients run as the MCP server: it starts {@code bin/telegram-mcp-server} and copies every line the
 * client sends ({@code client.jsonl}) and every line the server answers ({@code server.jsonl}), so that a test can see
 * the MCP traffic itself (tool calls, progress notifications, results). Register it with the setup's
 * {@code --command}.
 */
public final class StdioTap {

    /** The launcher of this checkout, as users run it. */
    public static final Path LAUNCHER = Path.of("bin", "telegram-mcp-server").toAbsolutePath();

    private final Path command;
    private final Path clientLines;
    private final Path serverLines;

    private StdioTap(Path command, Path clientLines, Path serverLines) {
        this.command = command;
        this.clientLines = clientLines;
        this.serverLines = serverLines;
    }

    /** Writes the tap into {@code dir}. */
    public static StdioTap create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path client = dir.resolve("client.jsonl");
        Path server = dir.resolve("server.jsonl");
        Path script = dir.resolve("telegram-mcp-server");
        // Paths are written in: Codex starts MCP servers with a reduced environment.
        // The permission hook ("hook permission") is not MCP traffic: it runs the launcher untapped.
        Files.writeString(script, "#!/bin/sh\n"
                + "if [ \"$1\" = hook ]; then exec " + quote(LAUNCHER) + " \"$@\"; fi\n"
                + "tee -a " + quote(client) + " | " + quote(LAUNCHER) + " \"$@\" | tee -a " + quote(server) + "\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new StdioTap(script, client, server);
    }

    /** The command to register with the clients. */
    public Path command() {
        return command;
    }

    /** Every line the clients sent so far. */
    public List<String> clientLines() throws IOException {
        return lines(clientLines);
    }

    /** Every line the servers answered so far. */
    public List<String> serverLines() throws IOException {
        return lines(serverLines);
    }

    /** Waits for a line from the clients that matches. */
    public String awaitClientLine(Predicate<String> match, Duration timeout) throws IOException, InterruptedException {
        return await(clientLines, match, timeout);
    }

    /** Waits for a line from the server that matches. */
    public String awaitServerLine(Predicate<String> match, Duration timeout) throws IOException, InterruptedException {
        return await(serverLines, match, timeout);
    }

    /** Whether a line from the client calls {@code tool} (the MCP name, e.g. telegram_unattended_mode). */
    public static boolean isToolCall(String line, String tool) {
        return line.contains("\"tools/call\"") && line.contains("\"" + tool + "\"");
    }

    /** Waits until the clients have called {@code tool} at least {@code count} times. */
    public void awaitToolCalls(String tool, int count, Duration timeout) throws IOException, InterruptedException {
        awaitCount(clientLines, line -> isToolCall(line, tool), count, timeout, "calls of " + tool);
    }

    /** The progress notifications the servers sent so far. */
    public List<String> progressNotifications() throws IOException {
        return serverLines().stream().filter(line -> line.contains("\"notifications/progress\"")).toList();
    }

    /** Waits until the servers have sent at least {@code count} progress notifications. */
    public void awaitProgressNotifications(int count, Duration timeout) throws IOException, InterruptedException {
        awaitCount(serverLines, line -> line.contains("\"notifications/progress\""), count, timeout,
                "progress notifications");
    }

    private static void awaitCount(Path file, Predicate<String> match, int count, Duration timeout, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = lines(file).stream().filter(match).count();
            if (seen >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + seen + " " + what + " in " + file + " within " + timeout + ", wanted "
                        + count);
            }
            Thread.sleep(100);
        }
    }

    private static String await(Path file, Predicate<String> match, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines(file)) {
                if (match.test(line)) {
                    return line;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No matching line in " + file + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    static String quote(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
