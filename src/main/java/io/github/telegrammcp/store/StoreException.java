package io.github.telegrammcp.store;

import java.sql.SQLException;

/** The state store cannot be used: its schema cannot be brought up to date, or the database is unreachable. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** As {@link #isDataError(Throwable)} for this exception. */
    public boolean isDataError() {
        return isDataError(this);
    }

    /**
     * True when the database refused the data of a statement (a value too long, a constraint broken: SQL states 22 and
     * 23), which fails the same way every time; false for an outage (the database host changing, a full or read-only
     * disk, a lock timeout), which may pass. Looks through the causes, so a Hibernate or transaction exception that
     * wraps the driver's answer counts as well.
     */
    public static boolean isDataError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23");
            }
        }
        return false;
    }

    /**
     * True when {@code failure} came from the state store: this exception, the driver's, Hibernate's, or the
     * transaction manager's (a commit that failed), anywhere among the causes.
     */
    public static boolean isStoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StoreException || t instanceof SQLException
                    || t instanceof jakarta.persistence.PersistenceException) {
                return true;
            }
            String type = t.getClass().getName();
            if (type.startsWith("jakarta.transaction.") || type.startsWith("org.hibernate.")
                    || type.startsWith("io.quarkus.narayana.") || type.startsWith("com.arjuna.")) {
                return true;
            }
        }
        return false;
    }
}
