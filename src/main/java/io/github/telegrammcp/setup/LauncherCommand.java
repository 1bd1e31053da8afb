package io.github.telegrammcp.setup;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command that assistants should run to start this server: the launcher script when there is one. */
final class LauncherCommand {

    /** Set by {@code bin/telegram-mcp-server} to the path it was started as. */
    static final String VARIABLE = "TELEGRAM_MCP_LAUNCHER";

    private LauncherCommand() {
    }

    static List<String> resolve(Map<String, String> env, Optional<String> explicit) {
        if (explicit.isPresent()) {
            return List.of(Path.of(explicit.get()).toAbsolutePath().normalize().toString());
        }
        String launcher = env.get(VARIABLE);
        if (launcher != null && !launcher.isBlank() && Files.isExecutable(Path.of(launcher))) {
            return List.of(Path.of(launcher).toAbsolutePath().normalize().toString());
        }
        Optional<Path> appDir = quarkusAppDir();
        if (appDir.isPresent()) {
            // target/quarkus-app -> the checkout's bin/ directory
            Path script = appDir.get().getParent() == null ? null
                    : appDir.get().getParent().resolveSibling("bin").resolve("telegram-mcp-server");
            if (script != null && Files.isExecutable(script)) {
                return List.of(script.toString());
            }
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            return List.of(java.toString(), "-jar", appDir.get().resolve("quarkus-run.jar").toString());
        }
        return List.of("telegram-mcp-server");
    }

    /** The directory holding {@code quarkus-run.jar}, when running from the packaged application. */
    static Optional<Path> quarkusAppDir() {
        try {
            CodeSource source = LauncherCommand.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI()).toAbsolutePath();
            for (Path dir = location; dir != null; dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("quarkus-run.jar"))) {
                    return Optional.of(dir);
                }
            }
            return Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }
}
