package io.github.telegrammcp.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/** Finds the state directory ({@code TELEGRAM_STATE_DIR}, else the XDG state home) and creates it private to the user. */
public final class StateDirectory {

    /** System property through which the launcher hands the resolved directory to the server's configuration. */
    public static final String PROPERTY = "telegram.state-dir";
    /** Bytes written to check that the directory takes a file: one database page. */
    static final int WRITE_CHECK_BYTES = 4096;
    /** Below this much free space the disk counts as full: the database cannot write a commit. */
    static final long LOW_SPACE_BYTES = 512 * 1024;

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

    /**
     * Why the state directory cannot hold the database, in words for the person, or empty: it cannot be created, is
     * not a directory, or a small file cannot be written in it (read-only, no permission, no space left).
     */
    public static Optional<String> unusable(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return Optional.of("the state directory " + dir + " cannot be created (" + reason(e) + ")");
        }
        if (!Files.isDirectory(dir)) {
            return Optional.of("the state directory " + dir + " is not a directory");
        }
        Path probe = dir.resolve(".write-check-" + ProcessHandle.current().pid());
        try {
            Files.write(probe, new byte[WRITE_CHECK_BYTES]);
        } catch (IOException e) {
            String reason = reason(e);
            return Optional.of(reason.toLowerCase(java.util.Locale.ROOT).contains("no space left")
                    ? "the disk that holds the state directory " + dir + " is full (" + reason + ")"
                    : "the state directory " + dir + " is not writable (" + reason + ")");
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // Only a leftover probe file; harmless.
            }
        }
        return Optional.empty();
    }

    /** As {@link #unusable}, and also when the disk that holds the directory is (nearly) full. */
    public static Optional<String> problem(Path dir) {
        Optional<String> unusable = unusable(dir);
        if (unusable.isPresent()) {
            return unusable;
        }
        try {
            long free = Files.getFileStore(dir).getUsableSpace();
            if (free < LOW_SPACE_BYTES) {
                return Optional.of("the disk that holds the state directory " + dir + " is full (" + free / 1024
                        + " KB free)");
            }
        } catch (IOException e) {
            return Optional.of("the free space of the state directory " + dir + " cannot be read (" + reason(e) + ")");
        }
        return Optional.empty();
    }

    /** What a file-system error means, without a stack trace: "read-only file system", "permission denied: /x". */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory: " + e.getMessage();
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT) + ": " + fs.getFile();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
