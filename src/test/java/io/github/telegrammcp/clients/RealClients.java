package io.github.telegrammcp.clients;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real clients are: the npm prefix that {@code ci/install-clients.sh} filled, given as
 * {@code -Drealclients.prefix=DIR} (failsafe passes the Maven property) or the environment variable
 * {@code REAL_CLIENTS_PREFIX}; the commands are in {@code DIR/node_modules/.bin}. tmux comes from PATH.
 * <p>
 * A missing client skips the test on a developer's machine, and fails it where the clients are required: with
 * {@code -Drealclients.required=true} or in CI ({@code CI=true}), which installs them first.
 */
public final class RealClients {

    private RealClients() {
    }

    /** The directory with {@code claude}, {@code codex} and {@code gemini}, if a prefix was given. */
    public static Optional<Path> binDir() {
        String prefix = System.getProperty("realclients.prefix", "");
        if (prefix.isBlank()) {
            prefix = System.getenv().getOrDefault("REAL_CLIENTS_PREFIX", "");
        }
        return prefix.isBlank() ? Optional.empty()
                : Optional.of(Path.of(prefix).toAbsolutePath().resolve("node_modules").resolve(".bin"));
    }

    /** Whether a missing client fails the test instead of skipping it. */
    public static boolean required() {
        return Boolean.getBoolean("realclients.required") || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** The directory with the clients; skips or fails when no prefix was given or it does not exist. */
    public static Path requireBinDir() {
        Optional<Path> dir = binDir().filter(Files::isDirectory);
        if (dir.isEmpty()) {
            missing(binDir().map(d -> d + " does not exist").orElse("no -Drealclients.prefix (or REAL_CLIENTS_PREFIX):"
                    + " install the clients with ci/install-clients.sh and pass its prefix"));
        }
        return dir.get();
    }

    /** The path of a client command ({@code claude}, {@code codex}, {@code gemini}); skips or fails when missing. */
    public static Path require(String command) {
        Optional<Path> dir = binDir();
        Path found = dir.map(d -> d.resolve(command)).filter(Files::isExecutable).orElse(null);
        if (found == null) {
            missing(command + (dir.isPresent() ? " is not in " + dir.get() : " needs -Drealclients.prefix (or"
                    + " REAL_CLIENTS_PREFIX), the npm prefix ci/install-clients.sh installed the clients into"));
        }
        return found;
    }

    /** A command from PATH (tmux); skips or fails when missing. */
    public static Path requireOnPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        missing(command + " is not on PATH (Debian: apt-get install " + command + ")");
        return null;
    }

    private static void missing(String why) {
        if (required()) {
            Assertions.fail("Real client missing: " + why);
        }
        Assumptions.abort("Real client missing, test skipped: " + why);
    }
}
