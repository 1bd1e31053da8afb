package io.github.telegrammcp.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;

/**
 * Brings the state store's schema up to date with Flyway (the scripts in {@code db/migration}). Processes starting
 * together take turns through a file lock in the state directory, and every script can run again without effect, so a
 * process killed half-way leaves a schema the next one completes. When Flyway's history already records the latest
 * script, Flyway is not even loaded (one query instead of some 400 classes and a few hundred milliseconds).
 *
 * <p>Databases of every earlier release open: those of the Flyway-era release have their history; those of the
 * plain-JDBC release (which recorded its scripts in {@code schema_version}, kept as it is) get a baseline below
 * version 1, after which every script runs and finds its tables there.
 */
@ApplicationScoped
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);

    /** The version of the newest script in {@code db/migration} ({@code MigrationsTest} checks it). */
    public static final int LATEST_VERSION = 8;

    /** The lock file's name; releases before Flyway came back used the same file, so they take turns with us too. */
    static final String LOCK_FILE = "migrate.lock";

    /**
     * The schema cannot be brought up to date, and trying again would fail the same way: the migration scripts of this
     * build and the history recorded in the database disagree (a stale or mixed build, a script that does not run).
     */
    public static final class Unfixable extends StoreException {
        Unfixable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Supplier<Flyway> flyway;
    private final DataSource dataSource;
    private final Path lockFile;

    @Inject
    public Migrations(Instance<Flyway> flyway, DataSource dataSource, Settings settings) {
        this(flyway::get, dataSource, settings.stateDir().resolve(LOCK_FILE));
    }

    Migrations(Supplier<Flyway> flyway, DataSource dataSource, Path lockFile) {
        this.flyway = flyway;
        this.dataSource = dataSource;
        this.lockFile = lockFile;
    }

    /** Applies the missing scripts; returns how many ran. Throws while the store is unreachable. */
    public int migrate() {
        if (upToDate()) {
            return 0;
        }
        // The file lock orders processes; within one process (file locks are per process) the monitor does.
        synchronized (Migrations.class) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                MigrateResult result = flyway.get().migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.infof("State store schema updated to version %s (%d script(s))", result.targetSchemaVersion,
                            result.migrationsExecuted);
                }
                return result.migrationsExecuted;
            } catch (FlywayException e) {
                if (retryCannotFix(e)) {
                    throw new Unfixable("the state store's schema cannot be brought up to date (" + firstLine(e)
                            + "); retrying will not help: this build's migration scripts and the history in the"
                            + " database disagree. Rebuild cleanly (./mvnw clean package) and restart the assistant; if"
                            + " a newer release wrote this state directory, start that release instead", e);
                }
                throw e;
            } catch (IOException e) {
                throw new StoreException("cannot lock " + lockFile + " to update the state store's schema: "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * True for a Flyway failure that happens again on every attempt: Flyway refused without asking the database
     * (duplicate or unreadable scripts, a history that does not match them), or the database refused a script's SQL
     * (SQL state class 42: syntax or access rule). False while the database is unreachable, locked or changing host.
     */
    static boolean retryCannotFix(FlywayException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState() != null && sql.getSQLState().startsWith("42");
            }
        }
        return true;
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }

    /** True when Flyway's history records {@link #LATEST_VERSION} as applied; false when it does not, or has none. */
    boolean upToDate() {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT MAX(CAST(\"version\" AS INTEGER)) FROM \"flyway_schema_history\""
                        + " WHERE \"success\" AND \"version\" IS NOT NULL")) {
            return rs.next() && rs.getInt(1) >= LATEST_VERSION;
        } catch (SQLException e) {
            // No history table yet (a new database, or one of the plain-JDBC release): Flyway decides.
            return false;
        }
    }
}
