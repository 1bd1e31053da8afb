package io.github.telegrammcp.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.StateDirectory;

/**
 * Puts a state-store failure in words for the person and the model, and tells a full or unwritable disk from a database
 * host that is changing hands or out of reach: only the first points at the disk; the second passes by itself (the
 * same call can simply be made again, queued messages stay queued). The state directory's own condition is checked
 * first (in the H2 build, whose database lives there); then the failure's causes are read: the operating system's
 * "No space left on device", H2's and PostgreSQL's error codes and SQL states, and the network exceptions of a
 * connection that broke.
 */
@ApplicationScoped
public class StoreProblems {

    /** H2 error codes of a database host that ended, is ending, or whose file is still held while another takes over. */
    static final Set<Integer> H2_HOST_CODES = Set.of(
            90067, // CONNECTION_BROKEN_1: "Connection is broken" (the host process died or closed the connection)
            90020, // DATABASE_ALREADY_OPEN_1: "Database may be already in use" (the old host's lock is not yet released)
            8000, // ERROR_OPENING_DATABASE_1: "Lock file recently modified", "Another process was faster" (a takeover race)
            90098, // DATABASE_IS_CLOSED: the host is shutting its database down
            50200); // LOCK_TIMEOUT_1: a lock held by a call that died with the host
    /** H2 1.x's NO_DISK_SPACE_AVAILABLE, which older state directories' drivers may still report. */
    static final int H2_NO_DISK_SPACE = 90100;
    /** PostgreSQL's disk_full, and SQL states of a server that shuts down, crashed or cannot take connections yet. */
    static final String PG_DISK_FULL = "53100";
    static final Set<String> PG_HOST_STATES = Set.of("57P01", "57P02", "57P03");
    /** Operating-system texts of a full disk (ENOSPC, EDQUOT). */
    private static final String[] FULL_DISK_TEXTS = { "no space left on device", "disk quota exceeded", "enospc" };
    /** Texts of a connection that broke or could not be made, when no error code says so. */
    private static final String[] HOST_TEXTS = { "connection is broken", "database may be already in use",
            "lock file recently modified", "another process was faster", "connection refused",
            "acquisition timeout", "this connection has been closed" };

    private final Path stateDir;
    private final boolean postgres;

    @Inject
    public StoreProblems(Settings settings) {
        this(settings.stateDir(), StoreEngine.postgres());
    }

    StoreProblems(Path stateDir, boolean postgres) {
        this.stateDir = stateDir;
        this.postgres = postgres;
    }

    /** What went wrong and what to do about it. */
    public StoreProblem explain(RuntimeException failure) {
        Optional<String> directory = postgres ? Optional.empty() : StateDirectory.problem(stateDir);
        if (directory.isPresent()) {
            return new StoreProblem(StoreProblem.Kind.DISK, directory.get(), diskAdvice());
        }
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return switch (kindOf(failure)) {
            case DISK -> postgres
                    ? new StoreProblem(StoreProblem.Kind.DISK, "the PostgreSQL server's disk is full (" + reason + ")",
                            "Free some space on the database server's disk: the server carries on by itself once the"
                                    + " database can write again.")
                    : new StoreProblem(StoreProblem.Kind.DISK, "the disk that holds the state directory " + stateDir
                            + " ran out of space (" + reason + ")", diskAdvice());
            case HOST_CHANGE -> new StoreProblem(StoreProblem.Kind.HOST_CHANGE, postgres
                    ? "the PostgreSQL database cannot be reached just now (" + reason + ")"
                    : "the state store in " + stateDir + " is changing hands: the process that hosted its database"
                            + " ended and another one is taking over (" + reason + ")",
                    callAgain());
            default -> new StoreProblem(StoreProblem.Kind.OTHER, "the state store" + (postgres ? "" : " in " + stateDir)
                    + " failed (" + reason + ")",
                    "It may pass by itself: try again in a moment. If it keeps failing,"
                            + " the server's log in " + stateDir.resolve("logs") + " says more.");
        };
    }

    /** Why the store did not answer in time: the state directory's problem, if it has one. */
    public StoreProblem explainUnanswered() {
        Optional<String> directory = postgres ? Optional.empty() : StateDirectory.problem(stateDir);
        if (directory.isPresent()) {
            return new StoreProblem(StoreProblem.Kind.DISK, directory.get(), diskAdvice());
        }
        return new StoreProblem(StoreProblem.Kind.UNANSWERED, (postgres ? "the PostgreSQL database" : "the state store in "
                + stateDir) + " did not answer in time (its database host may be changing hands)", callAgain());
    }

    /** What the person can do about a full or unwritable state directory. */
    public String diskAdvice() {
        return "Free some space on that disk or make " + stateDir + " writable: the server carries on by itself once it"
                + " can write there again (or set TELEGRAM_STATE_DIR to another directory and restart the assistant).";
    }

    /**
     * What to do when a session could not open the store at start-up although it tried for {@code tried}: restart, and
     * why it may work then.
     */
    public static String atStartUp(RuntimeException failure, Path stateDir, Duration tried) {
        return switch (kindOf(failure)) {
            case DISK -> "The disk that holds it is full: free some space, then restart the assistant.";
            case HOST_CHANGE -> "Its database host was changing hands for as long as the session tried to open it ("
                    + tried.toSeconds() + " s); nothing is lost: restart the assistant.";
            default -> "Restart the assistant; if it fails again, the log in " + stateDir.resolve("logs") + " says more.";
        };
    }

    private static String callAgain() {
        return "This passes by itself, usually within seconds, and nothing is lost: queued messages stay queued. Simply"
                + " make the same call again.";
    }

    /**
     * What sort of failure {@code failure} is, from its causes: {@link StoreProblem.Kind#DISK} when one of them names a
     * full disk, {@link StoreProblem.Kind#HOST_CHANGE} when one says the connection to the database host broke or the
     * database file is still held during a takeover, else {@link StoreProblem.Kind#OTHER}. A disk reason wins: H2 also
     * closes its database after a failed write.
     */
    public static StoreProblem.Kind kindOf(Throwable failure) {
        boolean host = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (containsAny(text, FULL_DISK_TEXTS)) {
                return StoreProblem.Kind.DISK;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (sql.getErrorCode() == H2_NO_DISK_SPACE || PG_DISK_FULL.equals(state)) {
                    return StoreProblem.Kind.DISK;
                }
                host |= H2_HOST_CODES.contains(sql.getErrorCode()) || state.startsWith("08")
                        || PG_HOST_STATES.contains(state);
            }
            host |= t instanceof java.net.SocketException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.io.EOFException || containsAny(text, HOST_TEXTS);
        }
        return host ? StoreProblem.Kind.HOST_CHANGE : StoreProblem.Kind.OTHER;
    }

    private static boolean containsAny(String text, String[] parts) {
        for (String part : parts) {
            if (text.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
