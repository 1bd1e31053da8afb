package io.github.telegrammcp.store;

import java.sql.SQLException;

/** A state-store call failed: the database is unreachable, busy, or refused a statement. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the database refused the data of a statement (a value too long, a constraint broken: SQL states 22 and
     * 23), which fails the same way every time; false for an outage (the database host changing, a full or read-only
     * disk, a lock timeout), which may pass.
     */
    public boolean isDataError() {
        for (Throwable t = getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
            }
        }
        return false;
    }

    static StoreException of(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // H2 appends the statement and its own codes on new lines; the first line says what went wrong.
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        if (first.endsWith("; SQL statement:")) {
            first = first.substring(0, first.length() - "; SQL statement:".length());
        }
        return new StoreException(first, e);
    }
}
