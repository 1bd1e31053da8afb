package io.github.telegrammcp.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/** Finds the state directory ({@code TELEGRAM_STATE_DIR}, else the XDG state home) and creates it private to the user. */
public final class StateDirectory {

    /** System property through which the launcher hands the resolved directory to the server's configuration. */
    public static final String PROPERTY = "telegram.state-dir";

    private StateDirectory() {
    }

    /** Resolves the directory from environment-style settings; always an absolute, normalized path. */
    public static Path resolve(Map<String, String> env, String userHome) {
        String explicit = env.get("TELEGRAM_STATE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return absolute(expandHome(explicit.trim(), userHome));
        }
        String xdg = env.get("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.trim()).isAbsolute()) {
            return absolute(Path.of(xdg.trim(), "telegram-mcp-server").toString());
        }
        return absolute(Path.of(userHome, ".local", "state", "telegram-mcp-server").toString());
    }

    /** Creates the directory (and its parents) with mode 0700 where the file system supports POSIX modes. */
    public static Path ensureExists(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        return dir;
    }

    private static String expandHome(String path, String userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/")) {
            return userHome + path.substring(1);
        }
        return path;
    }

    private static Path absolute(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }
}
