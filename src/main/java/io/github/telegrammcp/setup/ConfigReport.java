package io.github.telegrammcp.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.telegrammcp.config.BotToken;
import io.github.telegrammcp.config.ConfigFile;
import io.github.telegrammcp.config.DatabaseUrl;
import io.github.telegrammcp.config.EnvironmentConfig;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.SettingsParser;
import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.config.TelegramConfig;

/** {@code --config}: the effective settings, where each comes from, and what the clients are configured with. */
final class ConfigReport {

    static final List<String> KEYS = List.of("TELEGRAM_BOT_TOKEN", "TELEGRAM_CHAT_ID", "TELEGRAM_SESSION",
            "TELEGRAM_MAX_WAIT", "TELEGRAM_POLL_INTERVAL", "TELEGRAM_API_URL", "TELEGRAM_STATE_DIR",
            "TELEGRAM_ALLOWED_USERS", "TELEGRAM_ALLOWED_PATHS", "TELEGRAM_APPROVAL_TIMEOUT", "TELEGRAM_TOPICS",
            "TELEGRAM_CHANNEL", "TELEGRAM_STORE_HOST", "TELEGRAM_DATABASE_URL", "TELEGRAM_DATABASE_PASSWORD");

    private ConfigReport() {
    }

    /** Prints the report; returns 0 when the settings are usable, 1 otherwise. */
    static int print(Map<String, String> env, String userHome, Path workingDir, PrintStream out) {
        Path file = ConfigFile.locate(env, userHome);
        Map<String, String> saved;
        String fileNote;
        try {
            saved = ConfigFile.read(file);
            fileNote = Files.exists(file) ? modeNote(file) : "not created yet (run --setup)";
        } catch (IOException | IllegalArgumentException e) {
            saved = Map.of();
            fileNote = "unreadable: " + e.getMessage();
        }
        out.println("telegram-mcp-server " + Version.current());
        out.println("Configuration file: " + file + " (" + fileNote + ")");
        out.println();
        String home = ConfigFile.home(env, userHome);
        Path stateDir = StateDirectory.resolve(merged(saved, env), home);
        out.printf("%-24s %-34s %s%n", "Setting", "Value", "Source");
        for (String key : KEYS) {
            String value = env.get(key);
            String source = "environment";
            if (value == null || value.isBlank()) {
                value = saved.get(key);
                source = "config file";
            }
            if (value == null || value.isBlank()) {
                value = defaultText(key, workingDir, stateDir);
                source = "default";
            } else if (key.equals("TELEGRAM_BOT_TOKEN")) {
                value = new BotToken(value).masked();
            } else if (key.equals("TELEGRAM_DATABASE_PASSWORD")) {
                value = "***";
            } else if (key.equals("TELEGRAM_DATABASE_URL")) {
                value = maskedDatabaseUrl(value, merged(saved, env));
            }
            out.printf("%-24s %-34s %s%n", key, value, source);
        }
        out.println();
        out.println("State directory: " + stateDir);
        out.println("Log file:        " + stateDir.resolve("logs").resolve("telegram-mcp-server.log"));
        List<String> command = LauncherCommand.resolve(env, Optional.empty());
        out.println("Server command:  " + String.join(" ", command));
        out.println();
        out.println("Clients (user scope, and project scope where this directory has project files):");
        ClientSetup.Target target = new ClientSetup.Target(Path.of(home), workingDir, ClientSetup.Scope.USER, command,
                new Commands(env));
        ClientSetup.Target project = new ClientSetup.Target(Path.of(home), workingDir, ClientSetup.Scope.PROJECT,
                command, target.commands());
        for (ClientSetup client : ClientSetup.all()) {
            boolean installed = target.commands().find(client.executable()).isPresent();
            out.println("  " + client.displayName() + (installed ? "" : " (not on PATH)") + ": " + client.status(target));
            out.println("  " + client.displayName() + ", approvals: " + client.approvalStatus(target));
            if (client.projectFiles(project).stream().anyMatch(Files::exists)) {
                out.println("  " + client.displayName() + ", this project: " + client.status(project));
            }
        }
        Settings settings = SettingsParser.parse(asConfig(merged(saved, env)), workingDir, stateDir);
        out.println();
        if (settings.ownerChatId().orElse(0L) < 0 && settings.allowedUsers().isEmpty()) {
            out.println("Warning: TELEGRAM_CHAT_ID is a group and TELEGRAM_ALLOWED_USERS is empty, so nobody in the group"
                    + " is obeyed. Add the user ids that may command the bot.");
        }
        if (settings.problems().isEmpty()) {
            out.println("Settings are complete.");
            return 0;
        }
        out.println("Problems:");
        settings.problems().forEach(problem -> out.println("  - " + problem));
        return 1;
    }

    private static Map<String, String> merged(Map<String, String> saved, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(saved);
        env.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static String defaultText(String key, Path workingDir, Path stateDir) {
        return switch (key) {
            case "TELEGRAM_SESSION" -> "(directory name, here " + workingDir.getFileName() + ")";
            case "TELEGRAM_MAX_WAIT" -> "604800";
            case "TELEGRAM_POLL_INTERVAL" -> "30,60,120";
            case "TELEGRAM_APPROVAL_TIMEOUT" -> "600";
            case "TELEGRAM_API_URL" -> "https://api.telegram.org";
            case "TELEGRAM_STATE_DIR" -> stateDir.toString();
            case "TELEGRAM_STORE_HOST" -> "process";
            case "TELEGRAM_DATABASE_URL" -> "(not set: the H2 store in the state directory)";
            default -> "(not set)";
        };
    }

    /** The URL with its password masked, or the reason it cannot be used (never the password). */
    private static String maskedDatabaseUrl(String url, Map<String, String> all) {
        try {
            DatabaseUrl parsed = DatabaseUrl.parse(url, Optional.ofNullable(all.get("TELEGRAM_DATABASE_PASSWORD")),
                    Optional.ofNullable(System.getenv("PGPASSWORD")));
            return parsed.masked() + (parsed.password().isPresent() ? "" : " (password: ~/.pgpass)");
        } catch (IllegalArgumentException e) {
            return "(unusable: " + e.getMessage() + ")";
        }
    }

    private static String modeNote(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return "exists";
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        boolean shared = mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
        return "mode " + PosixFilePermissions.toString(mode)
                + (shared ? "; others can read your token: run chmod 600 on it" : "");
    }

    /** The raw settings as the server's configuration mapping would see them (see {@link EnvironmentConfig}). */
    static TelegramConfig asConfig(Map<String, String> values) {
        return EnvironmentConfig.of(values);
    }
}
