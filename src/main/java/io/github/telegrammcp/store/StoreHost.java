package io.github.telegrammcp.store;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.h2.jdbc.JdbcConnection;

/**
 * The detached database host ({@code telegram-mcp-server store-host STATE_DIR}): a small process, outside every
 * assistant's process group, that opens the H2 database embedded with the sessions' URL and so becomes the
 * {@code AUTO_SERVER} host for all of them. A Ctrl-Z in an assistant's terminal stops that assistant and its MCP server,
 * never this process. It exits by itself once no other connection has been open for {@link #IDLE}; when another
 * process already hosts the database it exits at once (it never stays as a mere client).
 */
public final class StoreHost {

    /** The sub-command the session processes start it with. */
    public static final String COMMAND = "store-host";
    /** How long the host stays with only its own connection before it exits. */
    static final Duration IDLE = Duration.ofSeconds(30);
    private static final long CHECK_MILLIS = 1000;

    private StoreHost() {
    }

    /** Runs the host for the state directory in {@code args} until it is idle; returns the exit code. */
    public static int run(List<String> args, PrintStream log) {
        if (args.size() != 1) {
            log.println("Usage: telegram-mcp-server " + COMMAND + " STATE_DIR (started by the server itself)");
            return 2;
        }
        Path stateDir = Path.of(args.get(0)).toAbsolutePath();
        long pid = ProcessHandle.current().pid();
        LoopbackServer.apply();
        Properties user = new Properties();
        user.setProperty("user", "tgmcp");
        user.setProperty("password", "");
        Connection connection;
        try {
            connection = new org.h2.Driver().connect(StateStoreDriver.url(stateDir), user);
        } catch (SQLException e) {
            log.println(stamp(pid) + "cannot open the database in " + stateDir + ", exiting: " + e.getMessage());
            return 1;
        }
        try {
            if (!hostsTheDatabase(connection)) {
                log.println(stamp(pid) + "another process already hosts the database in " + stateDir + "; exiting");
                return 0;
            }
            log.println(stamp(pid) + "hosts the database in " + stateDir + " (exits after " + IDLE.toSeconds()
                    + " s without sessions)");
            long idleSince = System.nanoTime();
            while (true) {
                Thread.sleep(CHECK_MILLIS);
                if (!Files.exists(stateDir.resolve("state.mv.db"))) {
                    log.println(stamp(pid) + "the database file was removed; exiting");
                    return 0;
                }
                int others = connections(connection) - 1;
                if (others > 0) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince >= IDLE.toNanos()) {
                    log.println(stamp(pid) + "no session connected for " + IDLE.toSeconds() + " s; exiting");
                    return 0;
                }
            }
        } catch (SQLException e) {
            log.println(stamp(pid) + "the database failed, exiting: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // Exiting anyway.
            }
        }
    }

    /** Whether this connection opened the database itself (embedded) rather than reaching another host's server. */
    static boolean hostsTheDatabase(Connection connection) throws SQLException {
        return !connection.unwrap(JdbcConnection.class).getSession().isRemote();
    }

    /** The number of connections to the database, this one included. */
    static int connections(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String stamp(long pid) {
        return Instant.now() + " [pid " + pid + "] store host: ";
    }
}
