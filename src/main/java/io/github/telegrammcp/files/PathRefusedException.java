package io.github.telegrammcp.files;

/**
 * A requested path that may not be sent: outside the allowed roots, a likely secret, missing or not a regular file. The
 * message is written for the model and the person: what was refused and what to do instead.
 */
public class PathRefusedException extends RuntimeException {

    /** Why a path was refused. */
    public enum Reason {
        /** Empty or malformed path. */
        INVALID,
        /** Resolves (possibly through a symbolic link) outside the project and TELEGRAM_ALLOWED_PATHS. */
        OUTSIDE,
        /** Looks like a key, a credential or an environment file. */
        SECRET,
        /** Has more than one name (hard links): another name may lie outside the allowed roots. */
        HARD_LINK,
        /** No such file. */
        NOT_FOUND,
        /** A directory or a device rather than a regular file, or not readable. */
        NOT_A_FILE
    }

    private final Reason reason;

    public PathRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
