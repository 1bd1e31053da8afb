package io.github.telegrammcp.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.StateDirectory;

/**
 * The state store: the H2 file database in the state directory, shared by every session of this user, reached through
 * a small connection pool and plain JDBC. Work runs in a transaction of its own ({@link #call}, {@link #run});
 * code that must join the caller's transaction uses {@link #current()}.
 *
 * <p>The first process to open the file serves it to the others on loopback ({@code AUTO_SERVER}); when it exits or
 * dies, another takes over within seconds and the others reconnect ({@code AUTO_RECONNECT}); that server listens on
 * 127.0.0.1 only ({@link LoopbackServer}). A pooled connection to a host that died fails every later use, so each one
 * is checked when it is borrowed and replaced if it broke.
 */
@ApplicationScoped
public class Store implements AutoCloseable {

    /** Connections open at most; more callers wait for one. */
    static final int MAX_CONNECTIONS = 6;
    /** How long a caller waits for a free connection before the call fails. */
    static final long ACQUIRE_TIMEOUT_MILLIS = 15_000;
    /** Seconds a borrowed idle connection has to prove it still works. */
    private static final int VALIDATE_SECONDS = 2;
    static final String USER = "tgmcp";

    static {
        // Before the H2 driver first loads: its server must listen on loopback only.
        LoopbackServer.apply();
    }

    /** Work inside a transaction, returning a value. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx);
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface VoidWork {
        void run(Tx tx);
    }

    private final String url;
    private final long acquireTimeoutMillis;
    private final Path stateDir;
    /** Set when opening failed because of the state directory itself; cleared once it takes a file again. */
    private volatile boolean directoryBroken;
    private final Semaphore permits = new Semaphore(MAX_CONNECTIONS, true);
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private volatile boolean closed;

    @Inject
    public Store(Settings settings) {
        this(url(settings.stateDir()), ACQUIRE_TIMEOUT_MILLIS, settings.stateDir());
    }

    Store(String url) {
        this(url, ACQUIRE_TIMEOUT_MILLIS);
    }

    Store(String url, long acquireTimeoutMillis) {
        this(url, acquireTimeoutMillis, null);
    }

    Store(String url, long acquireTimeoutMillis, Path stateDir) {
        this.url = url;
        this.acquireTimeoutMillis = acquireTimeoutMillis;
        this.stateDir = stateDir;
    }

    /**
     * The database URL for a state directory. {@code WRITE_DELAY=0}: H2 otherwise keeps commits in memory for up to
     * 500 ms, and a {@code kill -9} of the process hosting the database loses them for every process (measured: 12-15
     * committed rows per kill). {@code async:} (AsynchronousFileChannel) because an interrupted thread closes a plain
     * FileChannel, and H2 then closes the database for every process.
     */
    public static String url(Path stateDir) {
        return "jdbc:h2:async:" + stateDir.resolve("state")
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
    }

    /** Runs {@code work} in a new transaction (the caller's, if any, is set aside) and commits it. */
    public <T> T call(Work<T> work) {
        Tx outer = current.get();
        Connection connection = borrow();
        boolean healthy = false;
        try {
            connection.setAutoCommit(false);
            Tx tx = new Tx(connection);
            current.set(tx);
            T result = work.run(tx);
            connection.commit();
            healthy = true;
            return result;
        } catch (SQLException e) {
            healthy = rollback(connection);
            throw StoreException.of(e);
        } catch (RuntimeException | Error e) {
            healthy = rollback(connection);
            throw e;
        } finally {
            if (outer == null) {
                current.remove();
            } else {
                current.set(outer);
            }
            giveBack(connection, healthy);
        }
    }

    /** As {@link #call}, for work without a result. */
    public void run(VoidWork work) {
        call(tx -> {
            work.run(tx);
            return null;
        });
    }

    /** The transaction this thread is in; for code documented to run inside its caller's transaction. */
    public Tx current() {
        Tx tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("no state-store transaction is active on this thread");
        }
        return tx;
    }

    private Connection borrow() {
        if (closed) {
            throw new StoreException("the state store is closed: this process is shutting down");
        }
        failFastWhileDirectoryBroken();
        try {
            if (!permits.tryAcquire(acquireTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException("no state-store connection became free within " + acquireTimeoutMillis
                        + " ms: " + MAX_CONNECTIONS + " calls are still running; retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a state-store connection");
        }
        try {
            Connection pooled;
            while ((pooled = takeIdle()) != null) {
                if (valid(pooled)) {
                    return pooled;
                }
                closeQuietly(pooled);
            }
            return open();
        } catch (RuntimeException | Error e) {
            permits.release();
            throw e;
        }
    }

    private Connection open() {
        Properties credentials = new Properties();
        credentials.setProperty("user", USER);
        credentials.setProperty("password", "");
        try {
            Connection connection = new org.h2.Driver().connect(url, credentials);
            if (connection == null) {
                throw new StoreException("the H2 driver does not accept the URL " + url);
            }
            return connection;
        } catch (SQLException e) {
            if (stateDir != null && StateDirectory.problem(stateDir).isPresent()) {
                directoryBroken = true;
            }
            throw StoreException.of(e);
        }
    }

    /**
     * While the state directory cannot take a file (full or read-only disk), every call fails at once with that reason
     * instead of spending seconds in H2's attempts to write its lock file; so tool answers, waits and the exit stay
     * prompt. A small test write per call tells when the directory works again.
     */
    private void failFastWhileDirectoryBroken() {
        if (!directoryBroken) {
            return;
        }
        Optional<String> problem = StateDirectory.problem(stateDir);
        if (problem.isPresent()) {
            throw new StoreException(problem.get());
        }
        directoryBroken = false;
    }

    private synchronized Connection takeIdle() {
        return idle.pollFirst();
    }

    private void giveBack(Connection connection, boolean healthy) {
        try {
            if (healthy && !closed) {
                synchronized (this) {
                    idle.addFirst(connection);
                }
            } else {
                closeQuietly(connection);
            }
        } finally {
            permits.release();
        }
    }

    private static boolean valid(Connection connection) {
        try {
            return !connection.isClosed() && connection.isValid(VALIDATE_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean rollback(Connection connection) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException e) {
            // Already broken; nothing to keep.
        }
    }

    /** Closes the pooled connections, so that another process can take over hosting the database at once. */
    @PreDestroy
    public void close() {
        closed = true;
        Connection c;
        while ((c = takeIdle()) != null) {
            closeQuietly(c);
        }
    }
}
