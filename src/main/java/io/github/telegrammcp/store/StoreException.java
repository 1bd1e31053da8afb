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

    static StoreException of(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // H2 appends the statement and its own codes on new lines; the first line says what went wrong.
        int newline = message.indexOf('\n');
        return new StoreException(newline < 0 ? message : message.substring(0, newline), e);
    }
}
