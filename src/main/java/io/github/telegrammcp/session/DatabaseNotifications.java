package io.github.telegrammcp.session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wake-ups between the processes of every machine that shares a PostgreSQL store: {@code NOTIFY} after a commit, and
 * one dedicated connection per process that {@code LISTEN}s and blocks in {@link PGConnection#getNotifications(int)}
 * (no polling of any table). When that connection drops (the database restarts, the network breaks) it is opened again
 * and listens again; whatever was notified meanwhile is caught by {@code onReconnect}, which makes this process check
 * the store at once.
 * <p>
 * The listener is a dedicated thread on purpose, not a worker-pool task, a Vert.x timer or a scheduled job: a JDBC
 * {@code LISTEN} holds its thread for the life of the process (pgjdbc delivers notifications only to a call that
 * blocks on the connection), so a pool thread would be taken from Quarkus's worker pool for good, and the
 * non-blocking alternative (the reactive PostgreSQL client) is not part of the user's stack.
 */
public final class DatabaseNotifications {

    private static final Logger LOG = Logger.getLogger(DatabaseNotifications.class);
    static final String CHANNEL = SessionWakeUp.DATABASE_CHANNEL;
    /** How long one wait for notifications blocks; the socket timeout of the connection is longer. */
    private static final int WAIT_MILLIS = 5_000;
    /** A connection that has been silent this long is checked with a query (a dead peer sends no reset). */
    private static final long CHECK_AFTER_MILLIS = 20_000;
    private static final long RECONNECT_MILLIS = 1_000;

    private final DataSource dataSource;
    private final Consumer<String> received;
    private final Runnable onReconnect;
    private volatile boolean running;
    private Thread thread;

    DatabaseNotifications(DataSource dataSource, Consumer<String> received, Runnable onReconnect) {
        this.dataSource = dataSource;
        this.received = received;
        this.onReconnect = onReconnect;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::listenLoop, "wake-up-listener");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops listening; the thread ends within one wait (it is a daemon: it never holds the exit). */
    synchronized void stop() {
        running = false;
        thread = null;
    }

    /** Tells every listening process (this one included); throws while the database does not answer. */
    void notifyAll(String payload) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            st.setString(1, CHANNEL);
            st.setString(2, payload);
            st.execute();
        }
    }

    private void listenLoop() {
        boolean first = true;
        String lastProblem = null;
        while (running) {
            try (Connection c = open(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + CHANNEL);
                PGConnection pg = c.unwrap(PGConnection.class);
                if (lastProblem != null) {
                    LOG.infof("Listening for wake-ups again");
                }
                lastProblem = null;
                if (!first) {
                    onReconnect.run();
                }
                first = false;
                drain(pg, st, WAIT_MILLIS, CHECK_AFTER_MILLIS, () -> running, received);
            } catch (SQLException | RuntimeException e) {
                if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                    LOG.warnf("Wake-ups from other processes are interrupted (%s); listening again in a second, and"
                            + " waits check the store when it is back", e.getMessage());
                }
                lastProblem = String.valueOf(e.getMessage());
                first = false;
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /**
     * Hands the payload of each notification that {@code pg} receives to {@code payloads}, waiting up to
     * {@code waitMillis} at a time, while {@code running} says so. After {@code checkAfterMillis} without one it runs a
     * query on {@code st}, so that a connection that died quietly throws here and the caller can listen again. Used by
     * this class and by the permission hook, each on a connection of its own in {@code LISTEN}.
     */
    public static void drain(PGConnection pg, Statement st, int waitMillis, long checkAfterMillis,
            BooleanSupplier running, Consumer<String> payloads) throws SQLException {
        long lastHeard = System.currentTimeMillis();
        while (running.getAsBoolean()) {
            PGNotification[] notes = pg.getNotifications(waitMillis);
            long now = System.currentTimeMillis();
            if (notes != null && notes.length > 0) {
                lastHeard = now;
                for (PGNotification n : notes) {
                    payloads.accept(n.getParameter());
                }
            } else if (now - lastHeard > checkAfterMillis) {
                st.execute("SELECT 1");
                lastHeard = now;
            }
        }
    }

    /** A connection of its own, outside the pool: it stays in LISTEN for the life of the process. */
    private static Connection open() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        Properties props = new Properties();
        config.getOptionalValue("quarkus.datasource.username", String.class).ifPresent(u -> props.setProperty("user", u));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(p -> props.setProperty("password", p));
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver does not accept the state store's URL");
        }
        c.setAutoCommit(true);
        return c;
    }
}
