package io.github.telegrammcp.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client in a real terminal: a tmux server of its own (its own socket, no user configuration) running one command
 * with exactly the given environment. Tests type with {@link #type} and read the screen with {@link #screen}. Closing
 * ends this tmux server only.
 */
public final class TmuxSession implements AutoCloseable {

    private final Path tmux;
    private final String socket;
    private final Path log;

    private TmuxSession(Path tmux, String socket, Path log) {
        this.tmux = tmux;
        this.socket = socket;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code dir} in a 160x50 terminal. The screen stays after the command exits, with a line
     * saying how it ended. {@code workDir} receives the start script and the screen log.
     */
    public static TmuxSession start(Path tmux, Path workDir, Path dir, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        StringBuilder script = new StringBuilder("#!/bin/sh\ncd ").append(StdioTap.quote(dir)).append(" || exit 1\nenv -i");
        env.forEach((key, value) -> script.append(" \\\n  ").append(key).append('=').append(quote(value)));
        for (String word : command) {
            script.append(" \\\n  ").append(quote(word));
        }
        script.append("\necho \"[the client exited with status $?]\"\nsleep 3600\n");
        Path start = workDir.resolve("start.sh");
        Files.writeString(start, script.toString(), StandardCharsets.UTF_8);
        String socket = "telegram-mcp-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        TmuxSession session = new TmuxSession(tmux, socket, workDir.resolve("screen.log"));
        session.tmux("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "160", "-y", "50", "sh " + start);
        return session;
    }

    /** Types {@code text} literally, then presses Enter. */
    public void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", "main", "-l", text);
        Thread.sleep(300);
        tmux("send-keys", "-t", "main", "Enter");
    }

    /** The visible screen as text. */
    public String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", "main");
    }

    /** Waits for the screen to match; fails with the screen. */
    public String awaitScreen(Predicate<String> match, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String screen = screen();
            if (match.test(screen)) {
                return screen;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The screen did not show what was expected within " + timeout + ":\n" + screen);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            Files.writeString(log, screen(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            // The screen is only kept for reading after a failure.
        }
        tmux("kill-server");
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(tmux.toString(), "-L", socket));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("tmux did not answer: " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
