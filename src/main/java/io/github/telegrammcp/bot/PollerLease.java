package io.github.telegrammcp.bot;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.store.PollState;
import io.github.telegrammcp.store.PollState.Holder;

/**
 * The right to call getUpdates, held by one process at a time: the owner and expiry in {@code poll_state}, taken and
 * renewed with conditional updates, with the holder's host id, pid and process start. A holder that exits frees it and
 * says so, so that another process takes over at once. One that dies stops renewing: a process on the same host sees
 * its pid gone and takes over at once ({@link #takeOver}); elsewhere it is lost after {@link #LEASE_MILLIS}.
 */
@ApplicationScoped
public class PollerLease {

    /** Lease length; a holder renews before every long poll of {@link PollerJob#POLL_TIMEOUT_SECONDS}. */
    public static final long LEASE_MILLIS = 12_000;

    /**
     * A holder on this host whose process is stopped (SIGSTOP, Ctrl-Z) loses the lease once it renewed it last this
     * long ago: its last long poll has ended at Telegram by then, so the next one overlaps nothing (no 409).
     */
    public static final long STOPPED_HOLDER_MILLIS = (PollCycle.POLL_TIMEOUT_SECONDS + 2) * 1000L;

    private final String owner = UUID.randomUUID().toString();
    private final String host = ThisHost.name();
    private final long pid = ProcessHandle.current().pid();
    private final long pidStart = ThisHost.startMillis(pid).orElse(0);
    private final Event<SessionWakeUp> wakeUps;

    public PollerLease(Event<SessionWakeUp> wakeUps) {
        this.wakeUps = wakeUps;
    }

    /** This process's lease owner id. */
    public String owner() {
        return owner;
    }

    /**
     * Takes the lease if it is free, expired or already ours: empty when taken, else who holds it, so that the caller
     * need not try again before it runs out (unless the holder frees it and says so, or its process goes).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Holder> tryAcquire() {
        long now = System.currentTimeMillis();
        return PollState.tryAcquire(me(now), now, null, 0) ? Optional.empty() : Optional.of(PollState.holder());
    }

    /**
     * Takes the lease from {@code holder}, a process of this host that is gone or stopped (see {@link #canTakeOver}),
     * unless it renewed the lease since or someone else took it: empty when taken, else who holds it now.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Holder> takeOver(Holder holder) {
        long now = System.currentTimeMillis();
        return PollState.tryAcquire(me(now), now, holder.owner(), holder.until()) ? Optional.empty()
                : Optional.of(PollState.holder());
    }

    /**
     * True when {@code holder} is a process of this host that no longer runs (a pid that is gone or now belongs to a
     * later process), or one that is stopped and renewed the lease last {@link #STOPPED_HOLDER_MILLIS} ago or earlier.
     * Holders on other hosts, or of releases that did not record their pid, lose the lease only when it runs out.
     */
    public boolean canTakeOver(Holder holder, long now) {
        if (holder.owner() == null || holder.owner().equals(owner) || holder.pid() <= 0 || !host.equals(holder.host())) {
            return false;
        }
        if (!ThisHost.runs(holder.pid(), holder.pidStart())) {
            return true;
        }
        return ThisHost.stopped(holder.pid()) && now >= holder.until() - LEASE_MILLIS + STOPPED_HOLDER_MILLIS;
    }

    /** True when {@code holder} is another process of this host, whose pid can be checked here. */
    public boolean onThisHost(Holder holder) {
        return holder.owner() != null && !holder.owner().equals(owner) && holder.pid() > 0 && host.equals(holder.host());
    }

    /**
     * The next instant after {@code now} (epoch millis on this process's clock, which {@link #tryAcquire} compares the
     * expiry with) at which {@code holder}'s lease may be taken: just after it runs out, or, for a holder of this host,
     * when it loses it if it is stopped then (see {@link #canTakeOver}); empty when both have passed.
     */
    public OptionalLong nextTakeOverMillis(Holder holder, long now) {
        long next = holder.until() + 1;
        long stoppedLoses = holder.until() - LEASE_MILLIS + STOPPED_HOLDER_MILLIS;
        if (holder.pid() > 0 && host.equals(holder.host()) && stoppedLoses > now) {
            next = Math.min(next, stoppedLoses);
        }
        return next > now ? OptionalLong.of(next) : OptionalLong.empty();
    }

    private Holder me(long now) {
        return new Holder(owner, host, pid, pidStart, now + LEASE_MILLIS);
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
