package io.github.telegrammcp.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;

/**
 * Brings the state store's schema up to date: runs the scripts in {@code db/migration} that the database has not seen,
 * in version order, and records each in {@code schema_version}. Processes starting together take turns through a file
 * lock in the state directory, and every script is written so that running it again changes nothing, so a process
 * killed half-way leaves a schema the next one completes. Databases created by earlier builds (which recorded their
 * scripts in Flyway's {@code flyway_schema_history}) keep their recorded versions.
 */
@ApplicationScoped
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class);

    /** The scripts, oldest first; the number before {@code __} is the version. */
    public static final List<String> SCRIPTS = List.of(
            "V1__state_store.sql",
            "V2__buttons_commands_media.sql",
            "V3__inbound_limits_failed_update.sql",
            "V4__approvals.sql",
            "V6__topics.sql");

    static final String LOCATION = "db/migration/";

    private final Store store;
    private final Path lockFile;

    @Inject
    public Migrations(Store store, Settings settings) {
        this(store, settings.stateDir().resolve("migrate.lock"));
    }

    Migrations(Store store, Path lockFile) {
        this.store = store;
        this.lockFile = lockFile;
    }

    /** Applies the missing scripts; returns how many ran. Throws while the store is unreachable. */
    public int migrate() {
        // The file lock orders processes; within one process (file locks are per process) the monitor does.
        synchronized (Migrations.class) {
            return migrateExclusively();
        }
    }

    private int migrateExclusively() {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            return migrateLocked();
        } catch (IOException e) {
            throw new StoreException("cannot lock " + lockFile + " to update the state store's schema: " + e.getMessage(),
                    e);
        }
    }

    private int migrateLocked() {
        Set<Integer> applied = store.call(tx -> {
            tx.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL PRIMARY KEY,"
                    + " script VARCHAR(255) NOT NULL, applied_at BIGINT NOT NULL)");
            Set<Integer> versions = new TreeSet<>(
                    tx.list("SELECT version FROM schema_version", rs -> rs.getInt(1)));
            if (tx.number("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'flyway_schema_history'")
                    > 0) {
                for (String v : tx.list("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                        + " AND \"version\" IS NOT NULL", rs -> rs.getString(1))) {
                    int version = versionOf(v);
                    if (versions.add(version)) {
                        tx.update("INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)",
                                version, "flyway V" + v, System.currentTimeMillis());
                    }
                }
            }
            return versions;
        });
        int ran = 0;
        for (String script : SCRIPTS) {
            int version = versionOf(script.substring(1, script.indexOf("__")));
            if (applied.contains(version)) {
                continue;
            }
            List<String> statements = statements(read(script));
            store.run(tx -> {
                for (String statement : statements) {
                    tx.execute(statement);
                }
                tx.update("INSERT INTO schema_version (version, script, applied_at) VALUES (?, ?, ?)", version, script,
                        System.currentTimeMillis());
            });
            LOG.infof("State store schema updated to version %d (%s)", version, script);
            ran++;
        }
        return ran;
    }

    private static int versionOf(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new StoreException("unexpected schema version '" + text + "' in the state store");
        }
    }

    private static String read(String script) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(LOCATION + script)) {
            if (in == null) {
                throw new StoreException("schema script " + LOCATION + script + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read schema script " + script + ": " + e.getMessage(), e);
        }
    }

    /** The statements of a script: comment lines dropped, split at semicolons that end a line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            statement.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = statement.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                statement.setLength(0);
            }
        }
        if (!statement.toString().isBlank()) {
            out.add(statement.toString().strip());
        }
        return out;
    }
}
