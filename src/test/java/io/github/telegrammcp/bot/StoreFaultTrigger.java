package io.github.telegrammcp.bot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * An H2 trigger for tests that makes the real database fail an insert: with a data error (SQL state 22001, as for a
 * value too long) when a row holds {@link #POISON}, or like an outage (a general error, as for a full disk) when a row
 * holds {@link #OUTAGE} while {@link #outage} is on; and that makes the next {@link #hangs} writes of a row holding
 * {@link #HANG} take {@link #HANG_MILLIS}, like a store that does not answer.
 *
 * <p>H2 may load this class through another class loader than the test's (in a {@code @QuarkusTest} it does), so the
 * switches live in the JVM's system properties (as strings: other code reads them all), which both copies share.
 */
public class StoreFaultTrigger implements org.h2.api.Trigger {

    public static final String POISON = "☠poison☠";
    public static final String OUTAGE = "⚡outage⚡";
    public static final String HANG = "⏳hang⏳";
    public static final long HANG_MILLIS = 4000;
    public static final Shared outage = new Shared("outage");
    public static final Shared outagesRaised = new Shared("outagesRaised");
    public static final Shared hangs = new Shared("hangs");

    /** A number (or a flag, 0 or 1) kept in a system property, changed atomically. */
    public static final class Shared {
        private final String key;

        Shared(String name) {
            this.key = StoreFaultTrigger.class.getName() + "." + name;
        }

        public int get() {
            return Integer.parseInt(System.getProperty(key, "0"));
        }

        public void set(int value) {
            System.setProperty(key, Integer.toString(value));
        }

        public void set(boolean on) {
            set(on ? 1 : 0);
        }

        public boolean on() {
            return get() != 0;
        }

        /** Adds {@code delta}; returns the value before. */
        public int getAndAdd(int delta) {
            Properties all = System.getProperties();
            synchronized (all) {
                int before = get();
                set(before + delta);
                return before;
            }
        }
    }

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        for (Object value : newRow) {
            if (value instanceof String text && text.contains(HANG) && hangs.getAndAdd(-1) > 0) {
                try {
                    Thread.sleep(HANG_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        for (Object value : newRow) {
            if (value instanceof String text && text.contains(POISON)) {
                throw new SQLException("Value too long for column (test trigger)", "22001", 22001);
            }
            if (outage.on() && value instanceof String text && text.contains(OUTAGE)) {
                outagesRaised.getAndAdd(1);
                throw new SQLException("IO Exception: No space left on device (test trigger)", "HY000", 50000);
            }
        }
    }
}
