package io.github.telegrammcp.bot;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The right to call getUpdates, held by one process at a time: a row in the store with an owner and an expiry, taken
 * and renewed with conditional updates. A holder that dies stops renewing and loses it after {@link #LEASE_MILLIS}.
 */
@ApplicationScoped
public class PollerLease {

    /** Lease length; a holder renews before every long poll of {@link UpdatePoller#POLL_TIMEOUT_SECONDS}. */
    public static final long LEASE_MILLIS = 12_000;

    private final String owner = UUID.randomUUID().toString();

    /** This process's lease owner id. */
    public String owner() {
        return owner;
    }

    /** Takes the lease if it is free, expired or already ours. */
    public boolean tryAcquire() {
        long now = System.currentTimeMillis();
        return QuarkusTransaction.requiringNew().call(() -> PollState.update(
                "leaseOwner = ?1, leaseUntil = ?2 where id = ?3 and (leaseOwner is null or leaseOwner = ?1 or leaseUntil < ?4)",
                owner, now + LEASE_MILLIS, PollState.SINGLETON, now) == 1);
    }

    /** Extends the lease; false when another process holds it now. */
    public boolean renew() {
        long now = System.currentTimeMillis();
        return QuarkusTransaction.requiringNew().call(() -> PollState.update(
                "leaseUntil = ?1 where id = ?2 and leaseOwner = ?3", now + LEASE_MILLIS, PollState.SINGLETON,
                owner) == 1);
    }

    /** Gives the lease up so that another process takes over at once. */
    public void release() {
        QuarkusTransaction.requiringNew().run(() -> PollState.update(
                "leaseOwner = null, leaseUntil = 0 where id = ?1 and leaseOwner = ?2", PollState.SINGLETON, owner));
    }

    /** The next update id to fetch. */
    public long offset() {
        return QuarkusTransaction.requiringNew().call(() -> {
            PollState state = PollState.findById(PollState.SINGLETON);
            return state.updateOffset;
        });
    }

    /**
     * Advances the offset inside the caller's transaction, only if this process still holds the lease and nobody
     * advanced it meanwhile; otherwise throws {@link LeaseLostException} so that the batch rolls back.
     */
    public void advanceOffset(long expectedOffset, long newOffset) {
        int updated = PollState.update(
                "updateOffset = ?1, leaseUntil = ?2 where id = ?3 and leaseOwner = ?4 and updateOffset = ?5", newOffset,
                System.currentTimeMillis() + LEASE_MILLIS, PollState.SINGLETON, owner, expectedOffset);
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
