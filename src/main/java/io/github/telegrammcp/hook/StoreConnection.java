package io.github.telegrammcp.hook;

import java.sql.Connection;
import java.sql.SQLException;

import io.github.telegrammcp.store.StoreException;

/**
 * The hook's one connection to the state store, opened again after it broke: a prompt waits up to
 * TELEGRAM_APPROVAL_TIMEOUT, and PostgreSQL may restart (or the network drop) meanwhile, after which the old connection
 * never answers again and the owner's answer, stored once the database is back, would never be read.
 */
final class StoreConnection implements AutoCloseable {

    /** Opens a connection in auto-commit. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** How long a connection that failed a statement gets to show it still works. */
    private static final int VALID_SECONDS = 2;

    private final Opener opener;
    private Connection current;

    /** Opens the first connection; throws when the store cannot be reached now. */
    StoreConnection(Opener opener) throws SQLException {
        this.opener = opener;
        this.current = opener.open();
    }

    /** The open connection, or a new one when the last one broke; throws {@link StoreException} while none opens. */
    synchronized Connection get() {
        if (current == null) {
            try {
                current = opener.open();
            } catch (SQLException | RuntimeException e) {
                throw new StoreException("the state store cannot be reached (" + e.getMessage() + ")", e);
            }
        }
        return current;
    }

    /** After a failed statement: drops the connection if it no longer works, so that the next call opens another. */
    synchronized void failed() {
        if (current == null) {
            return;
        }
        boolean valid;
        try {
            valid = current.isValid(VALID_SECONDS);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            closeQuietly(current);
            current = null;
        }
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            closeQuietly(current);
            current = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // A broken connection may not close cleanly; it is dropped either way.
        }
    }
}
