package io.github.telegrammcp.inbox;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Waits for a session's next message without holding a thread. A wait completes at once when the poller of this
 * process stores a message ({@link #signal}); messages stored by another process are picked up by a re-check every
 * {@link #RECHECK_MILLIS} ms, which runs only while some wait is pending. A message is marked delivered only when it
 * is handed to a wait whose caller is still listening; a cancelled or timed-out wait leaves the queue untouched.
 */
@ApplicationScoped
public class WaitService {

    private static final Logger LOG = Logger.getLogger(WaitService.class);

    /** Re-check period for messages stored by other processes. */
    static final long RECHECK_MILLIS = 200;
    private static final int RELEASE_ATTEMPTS = 60;

    private final InboxService inbox;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inbox-watch");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public WaitService(InboxService inbox) {
        this.inbox = inbox;
        timer.scheduleWithFixedDelay(this::tick, RECHECK_MILLIS, RECHECK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Waits for the next message of a session.
     *
     * @param sessionId the session
     * @param maxWait the deadline
     * @param cancelled tells whether the client cancelled the call
     * @param heartbeat called with the seconds waited so far (progress), at the intervals {@code heartbeatEvery} gives
     * @param heartbeatEvery the interval between heartbeats, given how long the wait has lasted
     */
    public Uni<WaitOutcome> await(String sessionId, Duration maxWait, CancelCheck cancelled, Consumer<Long> heartbeat,
            Function<Duration, Duration> heartbeatEvery) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(sessionId, emitter, System.nanoTime(), maxWait.toNanos(), cancelled, heartbeat,
                    heartbeatEvery);
            waiters.add(waiter);
            emitter.onTermination(() -> {
                waiter.terminated = true;
                waiters.remove(waiter);
                if (waiter.claim.uncertain() && !waiter.done) {
                    timer.execute(() -> returnUncertainClaim(waiter));
                }
            });
            timer.execute(() -> check(waiter));
        });
    }

    /** Wakes the waits of a session at once (a message for it was just stored by this process). */
    public void signal(String sessionId) {
        timer.execute(() -> {
            for (Waiter w : waiters) {
                if (w.sessionId.equals(sessionId)) {
                    check(w);
                }
            }
        });
    }

    /**
     * Stops every wait without completing it: the client has gone (stdin closed), so a message claimed now would be
     * written to nobody and lost. Messages stay queued; later waits are refused the same way.
     */
    public void closeAll() {
        closed = true;
        for (Waiter w : waiters) {
            w.terminated = true;
        }
        waiters.clear();
    }

    /** Puts a message handed to a wait back in the queue: its answer never reached the client. */
    public void giveBack(long messageId) {
        timer.execute(() -> releaseSurely(messageId));
    }

    /** Number of waits in progress in this process. */
    public int activeWaits() {
        return waiters.size();
    }

    private void tick() {
        for (Waiter w : waiters) {
            check(w);
        }
    }

    private void check(Waiter w) {
        if (w.done || w.terminated || closed) {
            return;
        }
        try {
            long now = System.nanoTime();
            Optional<String> cancelReason = w.cancelled.reason();
            if (cancelReason.isPresent()) {
                w.finish(new WaitOutcome.Cancelled(cancelReason.get()));
                return;
            }
            Optional<InboxMessage> message = inbox.recover(w.claim);
            if (message.isEmpty()) {
                message = inbox.claimNext(w.sessionId, w.claim);
                w.claim.settle();
            }
            if (message.isPresent()) {
                if (w.terminated) {
                    releaseSurely(message.get().id);
                    w.done = true;
                    return;
                }
                w.finish(new WaitOutcome.Delivered(message.get()));
                return;
            }
            long waited = now - w.startedNanos;
            if (waited >= w.maxWaitNanos) {
                w.finish(new WaitOutcome.TimedOut(TimeUnit.NANOSECONDS.toSeconds(waited)));
                return;
            }
            if (now - w.lastHeartbeatNanos >= w.heartbeatEvery.apply(Duration.ofNanos(waited)).toNanos()) {
                w.lastHeartbeatNanos = now;
                w.heartbeat.accept(TimeUnit.NANOSECONDS.toSeconds(waited));
            }
        } catch (RuntimeException e) {
            // A database hiccup (the H2 host changing, say): keep waiting, the next re-check retries.
            LOG.warnf("Checking the inbox failed, will retry: %s", e.getMessage());
        }
    }

    /** The wait ended while its last claim was unconfirmed: if that claim went through, the message goes back. */
    private void returnUncertainClaim(Waiter w) {
        for (int attempt = 1; attempt <= RELEASE_ATTEMPTS && w.claim.uncertain(); attempt++) {
            try {
                inbox.recover(w.claim).ifPresent(m -> releaseSurely(m.id));
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Gives a claimed message back, retrying through a database host change: it must not stay marked delivered. */
    private void releaseSurely(long messageId) {
        for (int attempt = 1;; attempt++) {
            try {
                inbox.release(messageId);
                return;
            } catch (RuntimeException e) {
                if (attempt == RELEASE_ATTEMPTS) {
                    LOG.errorf("Could not put message %d back in the queue: %s", messageId, e.getMessage());
                    return;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        // Not shutdownNow(): interrupting a check in the middle of an H2 write would close the database.
        timer.shutdown();
    }

    /** Tells whether the caller gave up, and why. */
    @FunctionalInterface
    public interface CancelCheck {
        /** The reason when cancelled, else empty. */
        Optional<String> reason();
    }

    private static final class Waiter {
        final String sessionId;
        final UniEmitter<? super WaitOutcome> emitter;
        final long startedNanos;
        final long maxWaitNanos;
        final CancelCheck cancelled;
        final Consumer<Long> heartbeat;
        final Function<Duration, Duration> heartbeatEvery;
        final ClaimAttempt claim = new ClaimAttempt();
        long lastHeartbeatNanos;
        volatile boolean done;
        volatile boolean terminated;

        Waiter(String sessionId, UniEmitter<? super WaitOutcome> emitter, long startedNanos, long maxWaitNanos,
                CancelCheck cancelled, Consumer<Long> heartbeat, Function<Duration, Duration> heartbeatEvery) {
            this.sessionId = sessionId;
            this.emitter = emitter;
            this.startedNanos = startedNanos;
            this.lastHeartbeatNanos = startedNanos;
            this.maxWaitNanos = maxWaitNanos;
            this.cancelled = cancelled;
            this.heartbeat = heartbeat;
            this.heartbeatEvery = heartbeatEvery;
        }

        void finish(WaitOutcome outcome) {
            done = true;
            emitter.complete(outcome);
        }
    }
}
