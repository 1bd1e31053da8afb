package io.github.telegrammcp.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.store.StoreProblems;
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
    /** How late a wait may end when a store call hangs past its deadline. */
    static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);
    /** A failing store is logged once per wait and then at most this often. */
    static final long FAILURE_LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int RELEASE_ATTEMPTS = 60;

    private final InboxService inbox;
    private final StoreProblems problems;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final ScheduledThreadPoolExecutor deadlines = deadlineExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inbox-watch");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public WaitService(InboxService inbox, StoreProblems problems) {
        this.inbox = inbox;
        this.problems = problems;
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
        return await(sessionId, null, maxWait, cancelled, heartbeat, heartbeatEvery);
    }

    /**
     * As {@link #await(String, Duration, CancelCheck, Consumer, Function)}, taking only a message whose text is one of
     * {@code answers} (a pressed answer button, or the same words typed); other messages stay queued for later waits.
     * Null takes any message.
     */
    public Uni<WaitOutcome> await(String sessionId, List<String> answers, Duration maxWait, CancelCheck cancelled,
            Consumer<Long> heartbeat, Function<Duration, Duration> heartbeatEvery) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(sessionId, answers, emitter, System.nanoTime(), maxWait.toNanos(), cancelled,
                    heartbeat, heartbeatEvery);
            waiters.add(waiter);
            emitter.onTermination(() -> {
                waiter.terminated = true;
                waiters.remove(waiter);
                waiter.cancelDeadline();
                if (waiter.claim.uncertain() && !waiter.done) {
                    timer.execute(() -> returnUncertainClaim(waiter));
                }
            });
            // The re-checks run on one thread; if a store call hangs there, this still ends the wait on time.
            waiter.deadline = deadlines.schedule(() -> onDeadline(waiter),
                    maxWait.plus(DEADLINE_GRACE).toMillis(), TimeUnit.MILLISECONDS);
            timer.execute(() -> check(waiter));
        });
    }

    /** The wait's deadline passed while a re-check was still busy (a store call that hangs): it ends now. */
    private void onDeadline(Waiter w) {
        if (w.done || w.terminated) {
            return;
        }
        String problem = w.storeProblem != null ? w.storeProblem : problems.explainUnanswered();
        if (w.finish(new WaitOutcome.TimedOut(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - w.startedNanos),
                problem))) {
            LOG.warnf("A wait ended at its deadline while the state store did not answer: %s", problem);
        }
    }

    private static ScheduledThreadPoolExecutor deadlineExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wait-deadlines");
            t.setDaemon(true);
            return t;
        });
        // Most waits end before their deadline (up to 7 days away): drop their tasks at once.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /** True while a wait of this session is pending in this process (it takes the session's next message). */
    public boolean waiting(String sessionId) {
        return waiters.stream().anyMatch(w -> w.sessionId.equals(sessionId) && !w.done && !w.terminated);
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
        long now = System.nanoTime();
        try {
            Optional<String> cancelReason = w.cancelled.reason();
            if (cancelReason.isPresent()) {
                w.finish(new WaitOutcome.Cancelled(cancelReason.get()));
                return;
            }
            Optional<InboxMessage> message = inbox.recover(w.claim);
            if (message.isEmpty()) {
                message = inbox.claimNext(w.sessionId, w.answers, w.claim);
                w.claim.settle();
            }
            w.storeProblem = null;
            if (message.isPresent()) {
                // Ended meanwhile (cancelled, or its deadline passed during the claim): the message goes back.
                if (w.terminated || !w.finish(new WaitOutcome.Delivered(message.get()))) {
                    releaseSurely(message.get().id);
                    w.done = true;
                }
                return;
            }
        } catch (RuntimeException e) {
            // A database hiccup (the H2 host changing) or a broken state directory: keep waiting until the deadline,
            // the next re-check retries; the deadline and the progress heartbeats do not depend on the store.
            onStoreFailure(w, e);
        }
        long waited = now - w.startedNanos;
        if (waited >= w.maxWaitNanos) {
            w.finish(new WaitOutcome.TimedOut(TimeUnit.NANOSECONDS.toSeconds(waited), w.storeProblem));
            return;
        }
        if (now - w.lastHeartbeatNanos >= w.heartbeatEvery.apply(Duration.ofNanos(waited)).toNanos()) {
            w.lastHeartbeatNanos = now;
            w.heartbeat.accept(TimeUnit.NANOSECONDS.toSeconds(waited));
        }
    }

    private void onStoreFailure(Waiter w, RuntimeException e) {
        long now = System.nanoTime();
        if (w.storeProblem == null || now - w.lastFailureLogNanos >= FAILURE_LOG_EVERY_NANOS) {
            // Naming the state directory's problem checks the file system: once per wait and minute, not every 200 ms.
            w.storeProblem = problems.explain(e);
            w.lastFailureLogNanos = now;
            LOG.warnf("Checking the inbox failed, will retry until the wait ends: %s", w.storeProblem);
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
        deadlines.shutdown();
    }

    /** Tells whether the caller gave up, and why. */
    @FunctionalInterface
    public interface CancelCheck {
        /** The reason when cancelled, else empty. */
        Optional<String> reason();
    }

    private static final class Waiter {
        final String sessionId;
        final List<String> answers;
        final UniEmitter<? super WaitOutcome> emitter;
        final long startedNanos;
        final long maxWaitNanos;
        final CancelCheck cancelled;
        final Consumer<Long> heartbeat;
        final Function<Duration, Duration> heartbeatEvery;
        final ClaimAttempt claim = new ClaimAttempt();
        final AtomicBoolean settled = new AtomicBoolean();
        volatile ScheduledFuture<?> deadline;
        long lastHeartbeatNanos;
        long lastFailureLogNanos;
        volatile String storeProblem;
        volatile boolean done;
        volatile boolean terminated;

        Waiter(String sessionId, List<String> answers, UniEmitter<? super WaitOutcome> emitter, long startedNanos,
                long maxWaitNanos, CancelCheck cancelled, Consumer<Long> heartbeat,
                Function<Duration, Duration> heartbeatEvery) {
            this.sessionId = sessionId;
            this.answers = answers == null ? null : List.copyOf(answers);
            this.emitter = emitter;
            this.startedNanos = startedNanos;
            this.lastHeartbeatNanos = startedNanos;
            this.maxWaitNanos = maxWaitNanos;
            this.cancelled = cancelled;
            this.heartbeat = heartbeat;
            this.heartbeatEvery = heartbeatEvery;
        }

        /** Completes the wait unless it is already settled; false when another outcome came first. */
        boolean finish(WaitOutcome outcome) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            done = true;
            cancelDeadline();
            emitter.complete(outcome);
            return true;
        }

        void cancelDeadline() {
            ScheduledFuture<?> pending = deadline;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
