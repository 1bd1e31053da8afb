package io.github.telegrammcp.bot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An H2 trigger for tests that makes the real database fail an insert: with a data error (SQL state 22001, as for a
 * value too long) when a row holds {@link #POISON}, or like an outage (a general error, as for a full disk) when a row
 * holds {@link #OUTAGE} while {@link #outage} is on; and that makes the next {@link #hangs} writes of a row holding
 * {@link #HANG} take {@link #HANG_MILLIS}, like a store that does not answer.
 */
public class StoreFaultTrigger implements org.h2.api.Trigger {

    public static final String POISON = "☠poison☠";
    public static final String OUTAGE = "⚡outage⚡";
    public static final String HANG = "⏳hang⏳";
    public static final long HANG_MILLIS = 4000;
    public static volatile boolean outage;
    public static final AtomicInteger outagesRaised = new AtomicInteger();
    public static final AtomicInteger hangs = new AtomicInteger();

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        for (Object value : newRow) {
            if (value instanceof String text && text.contains(HANG) && hangs.getAndDecrement() > 0) {
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
            if (outage && value instanceof String text && text.contains(OUTAGE)) {
                outagesRaised.incrementAndGet();
                throw new SQLException("IO Exception: No space left on device (test trigger)", "HY000", 50000);
            }
        }
    }
}
