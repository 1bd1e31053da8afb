package io.github.telegrammcp.inbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The row a claim marked delivered and the unique stamp it wrote, kept until the claim's commit is known to have
 * succeeded or failed. With H2 AUTO_SERVER a commit can be applied by the database host and still fail at the client
 * (the host dies before answering); without this the message would be marked delivered yet never handed over.
 */
public final class ClaimAttempt {

    private static final AtomicLong LAST_STAMP = new AtomicLong();

    private long messageId;
    private long stamp;
    private boolean uncertain;

    /** A delivery time in epoch millis that no other claim of this process uses. */
    static long nextStamp() {
        return LAST_STAMP.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
    }

    synchronized void mark(long messageId, long stamp) {
        this.messageId = messageId;
        this.stamp = stamp;
        this.uncertain = true;
    }

    /** Called once the claim's transaction has committed or has been seen to fail cleanly. */
    public synchronized void settle() {
        uncertain = false;
    }

    synchronized void clear() {
        uncertain = false;
    }

    /** True when a claim was written but its commit was not confirmed. */
    public synchronized boolean uncertain() {
        return uncertain;
    }

    synchronized long messageId() {
        return messageId;
    }

    synchronized long stamp() {
        return stamp;
    }
}
