package io.github.telegrammcp.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;

/**
 * Brings the state store's schema up to date with Flyway (the scripts in {@code db/migration}). Processes starting
 * together take turns through a file lock in the state directory, and every script can run again without effect, so a
 * process killed half-way leaves a schema the next one completes.
 *
 * <p>Databases of every earlier release open: those of the Flyway-era release have their history; those of the
 * plain-JDBC release (which recorded its scripts in {@code schema_version}, kept as it is) get a baseline below
 * version 1, after which every script runs and finds its tables there.
 */
@ApplicationScoped
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);

    /** The lock file's name; releases before Flyway came back used the same file, so they take turns with us too. */
    static final String LOCK_FILE = "migrate.lock";

    private final Flyway flyway;
    private final Path lockFile;

    @Inject
    public Migrations(Flyway flyway, Settings settings) {
        this(flyway, settings.stateDir().resolve(LOCK_FILE));
    }

    Migrations(Flyway flyway, Path lockFile) {
        this.flyway = flyway;
        this.lockFile = lockFile;
    }

    /** Applies the missing scripts; returns how many ran. Throws while the store is unreachable. */
    public int migrate() {
        // The file lock orders processes; within one process (file locks are per process) the monitor does.
        synchronized (Migrations.class) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                MigrateResult result = flyway.migrate();
                if (result.migrationsExecuted > 0) {
                    LOG.infof("State store schema updated to version %s (%d script(s))", result.targetSchemaVersion,
                            result.migrationsExecuted);
                }
                return result.migrationsExecuted;
            } catch (IOException e) {
                throw new StoreException("cannot lock " + lockFile + " to update the state store's schema: "
                        + e.getMessage(), e);
            }
        }
    }
}
