package io.github.telegrammcp.bot;

import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.store.PollState;

/**
 * The right to call getUpdates, held by one process at a time: the owner and expiry in {@code poll_state}, taken and
 * renewed with conditional updates. A holder that dies stops renewing and loses it after {@link #LEASE_MILLIS}; one
 * that exits frees it and says so, so that another process takes over at once.
 */
@ApplicationScoped
public class PollerLease {

    /** Lease length; a holder renews before every long poll of {@link PollerJob#POLL_TIMEOUT_SECONDS}. */
    public static final long LEASE_MILLIS = 12_000;

    private final String owner = UUID.randomUUID().toString();
    private final Event<SessionWakeUp> wakeUps;

    public PollerLease(Event<SessionWakeUp> wakeUps) {
        this.wakeUps = wakeUps;
    }

    /** This process's lease owner id. */
    public String owner() {
        return owner;
    }

    /**
     * Takes the lease if it is free, expired or already ours: returns 0 when taken, else when (epoch millis) the
     * other holder's lease runs out, so that the caller need not try again before then (unless the holder frees it
     * and says so).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public long tryAcquire() {
        long now = System.currentTimeMillis();
        return PollState.tryAcquire(owner, now, now + LEASE_MILLIS) ? 0 : Math.max(PollState.leaseUntil(), now);
    }

    /** Extends the lease and reads the offset to poll from; empty when another process holds the lease now. */
    @Transactional(TxType.REQUIRES_NEW)
    public OptionalLong renew() {
        return PollState.renew(owner, System.currentTimeMillis() + LEASE_MILLIS) ? OptionalLong.of(PollState.offset())
                : OptionalLong.empty();
    }

    /** Gives the lease up; once committed, the other processes are told that it is free. */
    @Transactional(TxType.REQUIRES_NEW)
    public void release() {
        PollState.release(owner);
        wakeUps.fire(SessionWakeUp.leaseFreed());
    }

    /**
     * Advances the offset inside the caller's transaction, only if this process still holds the lease and nobody
     * advanced it meanwhile; otherwise throws {@link LeaseLostException} so that the batch rolls back.
     */
    @Transactional(TxType.MANDATORY)
    public void advanceOffset(long expectedOffset, long newOffset) {
        if (!PollState.advance(owner, expectedOffset, newOffset, System.currentTimeMillis() + LEASE_MILLIS)) {
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
