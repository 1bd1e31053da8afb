package io.github.telegrammcp.hook;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.github.telegrammcp.config.BotToken;

/**
 * Logging of the hook process, which runs without Quarkus: the same log file as the servers, in their line format
 * ({@code 2026-12-04 10:00:00,123 INFO  [pid 42] [i.g.t.approval.ApprovalPrompt] ...}), and warnings also on stderr
 * (the client shows a hook's stderr). Never stdout: it carries the hook's answer. Anything shaped like a bot token is
 * masked.
 */
final class HookLog extends Handler {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    /** The log file, or null when there is no state directory yet. */
    private final Path file;
    private final PrintStream err;
    private final long pid = ProcessHandle.current().pid();

    private HookLog(Path file, PrintStream err) {
        this.file = file;
        this.err = err;
    }

    /**
     * Sends java.util.logging (which JBoss Logging uses outside Quarkus) here: to the log file when the state directory
     * exists (never creating it), and warnings to stderr.
     */
    static void install(Path stateDir, PrintStream err) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(new HookLog(Files.isDirectory(stateDir) ? stateDir.resolve("logs")
                .resolve("telegram-mcp-server.log") : null, err));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = BotToken.maskAll(record.getParameters() == null || record.getParameters().length == 0
                ? String.valueOf(record.getMessage()) : format(record));
        String level = record.getLevel().intValue() >= Level.SEVERE.intValue() ? "ERROR"
                : record.getLevel().intValue() >= Level.WARNING.intValue() ? "WARN" : "INFO";
        String line = String.format("%s %-5s [pid %d] [%s] %s%n", LocalDateTime.now().format(TIME), level, pid,
                shortName(record.getLoggerName()), message);
        try {
            if (file == null) {
                throw new IOException("no state directory yet");
            }
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // The log file is a convenience; stderr below still says what matters.
        }
        if (!level.equals("INFO")) {
            err.print("telegram-mcp-server: " + message + System.lineSeparator());
        }
    }

    private static String format(LogRecord record) {
        try {
            return String.format(record.getMessage(), record.getParameters());
        } catch (RuntimeException e) {
            return record.getMessage();
        }
    }

    /** {@code io.github.telegrammcp.approval.ApprovalPrompt} becomes {@code i.g.t.approval.ApprovalPrompt}. */
    static String shortName(String name) {
        if (name == null) {
            return "";
        }
        String[] parts = name.split("\\.");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean keep = i >= parts.length - 2 || parts[i].isEmpty();
            out.append(i == 0 ? "" : ".").append(keep ? parts[i] : parts[i].substring(0, 1));
        }
        return out.toString();
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
