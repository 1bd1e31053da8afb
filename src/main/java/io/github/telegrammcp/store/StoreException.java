package io.github.telegrammcp.store;

/** The state store cannot be used: its schema cannot be brought up to date, or the database is unreachable. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
