package io.github.telegrammcp.setup;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.flywaydb.core.Flyway;

import io.github.telegrammcp.config.DatabaseUrl;
import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.store.StateStoreDriver;

/**
 * {@code --migrate-to postgresql://...}: copies this machine's H2 state store (sessions, queued messages, the
 * {@code /keep} lock, the update offset, buttons, commands, sent-message routing, permission prompts, topics, set-aside
 * updates) into an empty PostgreSQL database, in one transaction, after creating the schema there with the same
 * migrations. Refuses a database that already holds data, and an H2 store that sessions are still using.
 */
final class MigrateTo {

    /** Tables in the order they are copied; every one of them is state. */
    static final List<String> TABLES = List.of("agent_session", "poll_state", "inbox_message", "sent_message",
            "bot_action", "command_request", "failed_update", "approval_request", "session_topic");
    /** Tables whose id is an identity column: its sequence continues after the copied ids. */
    private static final List<String> IDENTITY_TABLES = List.of("inbox_message", "command_request", "session_topic");
    private static final long LIVE_WITHIN_MILLIS = 45_000;

    private MigrateTo() {
    }

    /** Runs the command; returns the exit status (0 copied, 1 refused or failed, 2 usage). */
    static int run(List<String> args, Map<String, String> env, String userHome, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).isBlank()) {
            err.println("Usage: telegram-mcp-server --migrate-to postgresql://user@host:5432/database"
                    + "   (the password from TELEGRAM_DATABASE_PASSWORD, PGPASSWORD or ~/.pgpass)");
            return 2;
        }
        DatabaseUrl target;
        try {
            target = DatabaseUrl.parse(args.get(0), Optional.ofNullable(env.get("TELEGRAM_DATABASE_PASSWORD")),
                    Optional.ofNullable(env.get("PGPASSWORD")));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage().replace("TELEGRAM_DATABASE_URL", "The URL given to --migrate-to"));
            return 2;
        }
        Path stateDir = StateDirectory.resolve(env, userHome);
        if (!Files.exists(stateDir.resolve("state.mv.db"))) {
            err.println("Nothing to migrate: there is no H2 state store in " + stateDir + " (set TELEGRAM_STATE_DIR if it"
                    + " is elsewhere).");
            return 1;
        }
        try (Connection h2 = openH2(stateDir); Connection pg = openPostgres(target)) {
            List<String> live = liveSessions(h2);
            if (!live.isEmpty()) {
                err.println("Sessions still run on the H2 store (" + String.join(", ", live) + "): quit their assistants"
                        + " first, so that nothing arrives while it is copied. Nothing was changed.");
                return 1;
            }
            Optional<String> notEmpty = notEmpty(pg);
            if (notEmpty.isPresent()) {
                err.println("The database " + target.masked() + " is not empty (" + notEmpty.get() + "); --migrate-to"
                        + " only fills an empty database, so nothing was changed. Create a new one (for example"
                        + " createdb) and run it again.");
                return 1;
            }
            schema(target);
            Map<String, Integer> copied = copy(h2, pg);
            out.println("Copied the state store of " + stateDir + " to " + target.masked() + ":");
            copied.forEach((table, rows) -> out.printf("  %-18s %d row(s)%n", table, rows));
            out.println("Now set TELEGRAM_DATABASE_URL=" + target.masked().replace(":***@", "@")
                    + " for every session (the configuration file, or the clients' env), on this and the other machines."
                    + " The H2 store in " + stateDir + " is left as it was.");
            return 0;
        } catch (SQLException | RuntimeException e) {
            err.println("The migration failed, nothing was copied: " + e.getMessage());
            return 1;
        }
    }

    private static Connection openH2(Path stateDir) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", "tgmcp");
        credentials.setProperty("password", "");
        Connection c = new org.h2.Driver().connect(StateStoreDriver.url(stateDir) + ";IFEXISTS=TRUE", credentials);
        if (c == null) {
            throw new SQLException("the H2 driver does not accept the state store's URL");
        }
        return c;
    }

    private static Connection openPostgres(DatabaseUrl url) throws SQLException {
        Connection c = new org.postgresql.Driver().connect(url.jdbcUrl(), url.credentials());
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept " + url.masked());
        }
        return c;
    }

    private static List<String> liveSessions(Connection h2) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = h2.prepareStatement("SELECT name, host, pid FROM agent_session WHERE status <> 'GONE'"
                + " AND last_seen > ?")) {
            ps.setLong(1, System.currentTimeMillis() - LIVE_WITHIN_MILLIS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1) + " on " + rs.getString(2) + ", pid " + rs.getLong(3));
                }
            }
        }
        return names;
    }

    /** Why the database does not count as empty; empty when it does (no tables, or only this schema without rows). */
    static Optional<String> notEmpty(Connection pg) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = pg.createStatement();
                ResultSet rs = st.executeQuery("SELECT table_name FROM"
                        + " information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        List<String> foreign = tables.stream().filter(t -> !TABLES.contains(t) && !t.equals("outbound_pacing")
                && !t.equals("flyway_schema_history")).toList();
        if (!foreign.isEmpty()) {
            return Optional.of("it has other tables: " + String.join(", ", foreign));
        }
        for (String table : TABLES) {
            if (!tables.contains(table)) {
                continue;
            }
            String rows = table.equals("poll_state")
                    ? "SELECT COUNT(*) FROM poll_state WHERE update_offset <> 0 OR lease_owner IS NOT NULL"
                            + " OR locked_session IS NOT NULL"
                    : "SELECT COUNT(*) FROM " + table;
            try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery(rows)) {
                if (rs.next() && rs.getLong(1) > 0) {
                    return Optional.of("its table " + table + " holds data");
                }
            }
        }
        return Optional.empty();
    }

    /** The schema, by the same migrations the server runs (Flyway records them, so the server finds it current). */
    private static void schema(DatabaseUrl url) {
        Properties credentials = url.credentials();
        Flyway.configure(MigrateTo.class.getClassLoader())
                .dataSource(url.jdbcUrl(), credentials.getProperty("user"), credentials.getProperty("password"))
                .locations("classpath:db/migration").baselineOnMigrate(true).baselineVersion("0")
                .validateOnMigrate(false).load().migrate();
    }

    private static Map<String, Integer> copy(Connection h2, Connection pg) throws SQLException {
        Map<String, Integer> copied = new LinkedHashMap<>();
        pg.setAutoCommit(false);
        try {
            try (Statement st = pg.createStatement()) {
                // V1 made the singleton row; the copy brings the real one.
                st.executeUpdate("DELETE FROM poll_state");
            }
            for (String table : TABLES) {
                copied.put(table, copyTable(h2, pg, table));
            }
            try (Statement st = pg.createStatement()) {
                // Nobody polls while nothing runs: the next process to start takes the lease at once.
                st.executeUpdate("UPDATE poll_state SET lease_owner = NULL, lease_until = 0");
                for (String table : IDENTITY_TABLES) {
                    st.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), COALESCE((SELECT MAX(id)"
                            + " FROM " + table + "), 0) + 1, false)");
                }
            }
            pg.commit();
        } catch (SQLException | RuntimeException e) {
            pg.rollback();
            throw e;
        }
        return copied;
    }

    private static int copyTable(Connection h2, Connection pg, String table) throws SQLException {
        int rows = 0;
        try (Statement st = h2.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            int n = meta.getColumnCount();
            StringBuilder columns = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                columns.append(i > 1 ? ", " : "").append(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                marks.append(i > 1 ? ", " : "").append('?');
            }
            try (PreparedStatement insert = pg.prepareStatement("INSERT INTO " + table + " (" + columns + ") VALUES ("
                    + marks + ")")) {
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        insert.setObject(i, rs.getObject(i), meta.getColumnType(i));
                    }
                    insert.addBatch();
                    if (++rows % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        }
        return rows;
    }
}
