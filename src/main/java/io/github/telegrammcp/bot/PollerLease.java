package io.github.telegrammcp.bot;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.telegrammcp.store.Store;

/**
 * The right to call getUpdates, held by one process at a time: a row in the store with an owner and an expiry, taken
 * and renewed with conditional updates. A holder that dies stops renewing and loses it after {@link #LEASE_MILLIS}.
 */
@ApplicationScoped
public class PollerLease {

    /** Lease length; a holder renews before every long poll of {@link UpdatePoller#POLL_TIMEOUT_SECONDS}. */
    public static final long LEASE_MILLIS = 12_000;

    private final String owner = UUID.randomUUID().toString();
    private final Store store;

    @Inject
    public PollerLease(Store store) {
        this.store = store;
    }

    /** This process's lease owner id. */
    public String owner() {
        return owner;
    }

    /** Takes the lease if it is free, expired or already ours. */
    public boolean tryAcquire() {
        long now = System.currentTimeMillis();
        return store.call(tx -> tx.update("UPDATE poll_state SET lease_owner = ?, lease_until = ? WHERE id = ?"
                + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)", owner, now + LEASE_MILLIS,
                PollState.SINGLETON, owner, now) == 1);
    }

    /** Extends the lease; false when another process holds it now. */
    public boolean renew() {
        long now = System.currentTimeMillis();
        return store.call(tx -> tx.update("UPDATE poll_state SET lease_until = ? WHERE id = ? AND lease_owner = ?",
                now + LEASE_MILLIS, PollState.SINGLETON, owner) == 1);
    }

    /** Gives the lease up so that another process takes over at once. */
    public void release() {
        store.run(tx -> tx.update("UPDATE poll_state SET lease_owner = NULL, lease_until = 0 WHERE id = ?"
                + " AND lease_owner = ?", PollState.SINGLETON, owner));
    }

    /** The next update id to fetch. */
    public long offset() {
        return store.call(tx -> tx.number("SELECT update_offset FROM poll_state WHERE id = ?", PollState.SINGLETON));
    }

    /**
     * Advances the offset inside the caller's transaction, only if this process still holds the lease and nobody
     * advanced it meanwhile; otherwise throws {@link LeaseLostException} so that the batch rolls back.
     */
    public void advanceOffset(long expectedOffset, long newOffset) {
        int updated = store.current().update("UPDATE poll_state SET update_offset = ?, lease_until = ? WHERE id = ?"
                + " AND lease_owner = ? AND update_offset = ?", newOffset, System.currentTimeMillis() + LEASE_MILLIS,
                PollState.SINGLETON, owner, expectedOffset);
        if (updated != 1) {
            throw new LeaseLostException();
        }
    }

    /** Another process took the lease while this one was working; its batch must not be stored. */
    public static class LeaseLostException extends RuntimeException {
        public LeaseLostException() {
            super("the poller lease was lost");
        }
    }
}
