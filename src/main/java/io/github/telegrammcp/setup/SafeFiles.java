package io.github.telegrammcp.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Reads and replaces small text files the way an editor should: a backup first, then an atomic rename. */
final class SafeFiles {

    static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private SafeFiles() {
    }

    /** Files written since {@link #beginRun()}. */
    private static final Set<Path> WRITTEN_THIS_RUN = ConcurrentHashMap.newKeySet();

    /** Starts a setup run: the next write of each file backs up its current version. */
    static void beginRun() {
        WRITTEN_THIS_RUN.clear();
    }

    /** The file's text, or empty when it does not exist. */
    static Optional<String> read(Path file) throws IOException {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the file's content unless it already has it. The previous version is kept as {@code <name>.bak}; the
     * new one appears atomically with the old one's permissions (or {@code newFileMode} for a new file, or always
     * when {@code forceMode}).
     *
     * @return true when the file was written
     */
    static boolean write(Path file, String content, Set<PosixFilePermission> newFileMode, boolean forceMode)
            throws IOException {
        Optional<String> old = read(file);
        if (old.isPresent() && old.get().equals(content)) {
            if (forceMode) {
                restrict(file, newFileMode);
            }
            return false;
        }
        // The backup keeps the version from before this run: a file written twice in one run is backed up once.
        boolean firstWriteThisRun = WRITTEN_THIS_RUN.add(file.toAbsolutePath().normalize());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Set<PosixFilePermission> mode = newFileMode;
        if (old.isPresent()) {
            if (POSIX && !forceMode) {
                mode = Files.getPosixFilePermissions(file);
            }
        }
        if (old.isPresent() && firstWriteThisRun) {
            Path backup = file.resolveSibling(file.getFileName() + ".bak");
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            restrict(backup, forceMode ? newFileMode : mode);
        }
        Path temp = POSIX
                ? Files.createTempFile(dir, "." + file.getFileName(), ".tmp", asAttribute(PRIVATE))
                : Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            restrict(temp, mode);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return true;
    }

    private static void restrict(Path file, Set<PosixFilePermission> mode) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, mode);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
