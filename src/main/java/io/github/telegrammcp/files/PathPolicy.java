package io.github.telegrammcp.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.telegrammcp.files.PathRefusedException.Reason;

/**
 * Decides which local files may leave the machine: a requested path is resolved against the session's project
 * directory and must, as a canonical real path (after {@code ..} and every symbolic link), lie inside the project or
 * one of the extra roots of TELEGRAM_ALLOWED_PATHS, be a readable regular file with a single name (no hard link, whose
 * other names could lie anywhere), and not look like a secret.
 */
public final class PathPolicy {

    private PathPolicy() {
    }

    /**
     * Resolves {@code requested} (relative to {@code projectDir}, absolute, or starting with {@code ~/}) to the real
     * path of a file that may be sent.
     *
     * @param projectDir the session's project directory (absolute)
     * @param requested the path as the model or the person wrote it
     * @param extraRoots absolute directories outside the project whose files may also be sent
     * @param allowSecrets true to skip the secret check (only for an explicit decision by the owner)
     * @return the canonical real path of a readable regular file
     * @throws PathRefusedException with a message that says what to do instead
     */
    public static Path resolve(Path projectDir, String requested, List<Path> extraRoots, boolean allowSecrets) {
        if (requested == null || requested.isBlank()) {
            throw new PathRefusedException(Reason.INVALID, "No path given: pass a file path relative to the project"
                    + " directory " + projectDir + ", e.g. \"build/report.png\".");
        }
        Path lexical = lexicalPath(projectDir, requested.strip());
        List<Path> roots = roots(projectDir, extraRoots);
        // Refuse before looking at the file system, so that probing outside paths tells nothing about them.
        if (roots.stream().noneMatch(lexical::startsWith)) {
            throw outside(requested, projectDir, false);
        }
        String shown = display(lexical, projectDir);
        if (!Files.exists(lexical)) {
            throw new PathRefusedException(Reason.NOT_FOUND, "File not found: " + shown + (lexical.startsWith(
                    projectDir) ? " (relative paths start at the project directory " + projectDir + ")" : "")
                    + ". Check the name, or list the directory to find it.");
        }
        Path real = realPath(lexical, shown);
        if (roots.stream().noneMatch(real::startsWith)) {
            throw outside(requested, projectDir, true);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new PathRefusedException(Reason.NOT_A_FILE, shown + " is " + (Files.isDirectory(real)
                    ? "a directory; give the path of one file in it, or pack the directory into an archive first."
                    : "not a regular file; only regular files can be sent."));
        }
        if (!Files.isReadable(real)) {
            throw new PathRefusedException(Reason.NOT_A_FILE, shown + " cannot be read (permission denied).");
        }
        if (!allowSecrets) {
            int links = linkCount(real);
            if (links > 1) {
                throw new PathRefusedException(Reason.HARD_LINK, "Refused to send " + shown + ": the file has " + links
                        + " names (hard links), and the others may lie outside the project, where no check can follow"
                        + " them. Send a copy instead (e.g. `cp " + shown + " " + shown + ".copy`): a copy has one"
                        + " name.");
            }
            Optional<String> secret = SecretFiles.reason(lexical).or(() -> SecretFiles.reason(real));
            if (secret.isPresent()) {
                throw new PathRefusedException(Reason.SECRET, "Refused to send " + shown + ": it looks like a secret ("
                        + secret.get() + "). Keys, credentials and environment files are never sent to Telegram;"
                        + " send a redacted copy or describe what the owner needs instead.");
            }
        }
        return real;
    }

    /**
     * The number of names (hard links) of a file, or 1 where the file system does not tell. Unlike a symbolic link, a
     * hard link does not say where its other names are: finding them would mean searching the whole file system.
     */
    static int linkCount(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue();
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return 1;
        }
    }

    /** How a resolved path is shown in messages: relative to the project when inside it, else absolute. */
    public static String display(Path path, Path projectDir) {
        Path project = projectDir.toAbsolutePath().normalize();
        if (path.startsWith(project) && !path.equals(project)) {
            return project.relativize(path).toString();
        }
        return path.toString();
    }

    private static Path lexicalPath(Path projectDir, String requested) {
        try {
            String expanded = requested;
            if (requested.equals("~") || requested.startsWith("~/")) {
                expanded = System.getProperty("user.home") + requested.substring(1);
            }
            Path path = Path.of(expanded);
            return (path.isAbsolute() ? path : projectDir.resolve(path)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new PathRefusedException(Reason.INVALID, "\"" + requested + "\" is not a valid file path.");
        }
    }

    /** Each allowed root as given and as its real path (a project inside a symlinked directory has both). */
    private static List<Path> roots(Path projectDir, List<Path> extraRoots) {
        List<Path> roots = new ArrayList<>();
        List<Path> given = new ArrayList<>();
        given.add(projectDir);
        given.addAll(extraRoots);
        for (Path root : given) {
            Path absolute = root.toAbsolutePath().normalize();
            roots.add(absolute);
            try {
                roots.add(absolute.toRealPath());
            } catch (IOException e) {
                // A root that does not exist allows nothing beyond its lexical form.
            }
        }
        return roots;
    }

    private static Path realPath(Path lexical, String shown) {
        try {
            return lexical.toRealPath();
        } catch (IOException e) {
            throw new PathRefusedException(Reason.NOT_FOUND, "File not found: " + shown + " (it vanished or a link in"
                    + " its path is broken).");
        }
    }

    private static PathRefusedException outside(String requested, Path projectDir, boolean throughLink) {
        return new PathRefusedException(Reason.OUTSIDE, "Refused to send \"" + requested + "\": it "
                + (throughLink ? "leads through a symbolic link to a place" : "is") + " outside the project directory "
                + projectDir + " and outside TELEGRAM_ALLOWED_PATHS. Copy the file into the project first, or ask the"
                + " owner to add its directory to TELEGRAM_ALLOWED_PATHS in the server's configuration.");
    }
}
