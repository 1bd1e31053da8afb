package io.github.telegrammcp.inbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.store.StoreProblem;
import io.github.telegrammcp.store.StoreProblems;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Waits for a session's next message without holding a thread. A wait is a Mutiny pipeline: it claims the oldest
 * queued message at once if there is one; otherwise it retries the claim when a {@link SessionWakeUp} says a message
 * for the session was stored (by this process, or by another one through its wake-up channel), and, as a safety net,
 * on the progressive schedule of {@code TELEGRAM_POLL_INTERVAL}. It ends at {@code max_wait}, or when the client
 * cancels. A message is marked delivered only when it is handed to a wait whose caller is still listening; a cancelled
 * or timed-out wait leaves the queue untouched. The deadline and the progress heartbeats never wait for the store: a
 * wait whose inbox check hangs ends at most {@link #DEADLINE_GRACE} late and names the store's problem, and a message
 * that check claims after the wait ended goes back to the queue.
 */
@ApplicationScoped
public class WaitService {

    private static final Logger LOG = Logger.getLogger(WaitService.class);

    /**
     * How often a wait looks at the client's cancellation flag when the client's cancellation is not signalled (no
     * stdio: tests that drive the tools directly). With stdio the wait sleeps until its next progress notification.
     */
    static final Duration TICK = Duration.ofSeconds(1);
    /** The shortest sleep between two looks (a timer may fire a little before the progress is due). */
    private static final Duration MIN_SLEEP = Duration.ofMillis(10);
    /**
     * After a failed store call (the database host changing, say), the next attempt comes after this plus up to as much
     * again: not in step with the other processes, whose attempts all rewrite H2's lock file while the host changes.
     */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);
    /** How late a wait may end when a store call hangs past its deadline. */
    static final Duration DEADLINE_GRACE = Duration.ofSeconds(1);
    /** A failing store is logged once per wait and then at most this often. */
    static final long FAILURE_LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int RELEASE_ATTEMPTS = 60;
    private static final Duration RELEASE_PAUSE = Duration.ofMillis(500);

    private final InboxService inbox;
    private final Settings settings;
    private final StoreProblems problems;
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    /**
     * Sessions with a claim under way in this process, until it is settled (a message claimed for a wait that ended
     * meanwhile is back in the queue). One at a time per session: a claim that hung in a store that did not answer (a
     * stopped database host) and went through after its wait ended would otherwise hold the oldest message while the
     * next wait takes a newer one, and the session would get them out of order.
     */
    private final Set<String> claiming = ConcurrentHashMap.newKeySet();
    /** Sessions whose waits found a claim under way and wait for {@link #settle}. */
    private final Set<String> turnedAway = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public WaitService(InboxService inbox, Settings settings, StoreProblems problems) {
        this.inbox = inbox;
        this.settings = settings;
        this.problems = problems;
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
        return Uni.createFrom().deferred(() -> {
            Waiter w = new Waiter(sessionId, answers, maxWait, cancelled, heartbeat, heartbeatEvery);
            waiters.add(w);
            w.forgetCancelSignal = cancelled.whenCancelled(w.cancelSignal::signal);
            return Uni.combine().any().of(delivery(w), deadline(w), watch(w))
                    .onTermination().invoke(() -> ended(w));
        });
    }

    /** Claims until a message comes: a claim that finds nothing is retried at the next wake-up or scheduled check. */
    private Uni<WaitOutcome> delivery(Waiter w) {
        return Uni.createFrom().item(() -> attempt(w)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(NothingYet.class).retry()
                .when(nothing -> nothing.onItem().transformToUniAndConcatenate(x -> nextCheck(w)))
                // null: the wait ended another way (deadline, cancellation); that path delivers the outcome
                .onItem().ifNull().switchTo(Uni.createFrom().nothing());
    }

    /** Emits at the first wake-up for the session, or when the next check is due (Mutiny drops null items). */
    private Uni<Boolean> nextCheck(Waiter w) {
        Duration delay = w.lastAttemptFailed
                ? RETRY_AFTER_FAILURE.plusMillis(ThreadLocalRandom.current().nextLong(RETRY_AFTER_FAILURE.toMillis()))
                : settings.pollSchedule().intervalAfter(w.elapsed());
        return w.wakeUp.next(delay);
    }

    /**
     * Ends the wait at {@code max_wait}. When an inbox check is still running then (a store call that hangs), it gets
     * {@link #DEADLINE_GRACE} to deliver; after that the wait ends all the same, naming the store's problem.
     */
    private Uni<WaitOutcome> deadline(Waiter w) {
        return Uni.createFrom().item(w).onItem().delayIt().by(w.maxWait)
                .onItem().transformToUni(x -> {
                    if (!w.attempting()) {
                        return w.finish() ? Uni.createFrom().item(timedOut(w, w.storeProblem)) : never();
                    }
                    return Uni.createFrom().item(w).onItem().delayIt().by(DEADLINE_GRACE).onItem().transformToUni(
                            y -> {
                                StoreProblem problem = w.storeProblem;
                                if (problem == null && w.attempting()) {
                                    problem = problems.explainUnanswered();
                                    LOG.warnf("A wait ended at its deadline while the state store did not answer: %s",
                                            problem.what());
                                }
                                return w.finish() ? Uni.createFrom().item(timedOut(w, problem)) : never();
                            });
                });
    }

    /**
     * Looks at the client's cancellation flag and sends progress when due; in memory, no store call. When the client's
     * cancellation is signalled, it looks only then and when the next progress notification is due (a timer every
     * 30-60 s instead of every second: the CPU of a waiting process); otherwise every {@link #TICK}.
     */
    private Uni<WaitOutcome> watch(Waiter w) {
        return Uni.createFrom().deferred(() -> w.cancelSignal.next(w.nextLook()))
                .repeat().indefinitely()
                .onItem().transformToUniAndConcatenate(look -> {
                    Optional<String> reason = w.cancelled.reason();
                    if (reason.isPresent()) {
                        return w.finish() ? Uni.createFrom().item(new WaitOutcome.Cancelled(reason.get())) : never();
                    }
                    w.heartbeatIfDue();
                    return Uni.createFrom().nullItem();
                })
                .select().where(outcome -> outcome != null).toUni();
    }

    /**
     * One claim, on a worker thread; fails with {@link NothingYet} when the wait must go on, and answers null when the
     * wait has already ended another way.
     */
    private WaitOutcome attempt(Waiter w) {
        if (closed) {
            throw NothingYet.INSTANCE;
        }
        if (w.done.get()) {
            return null; // the wait ended another way; nobody reads this
        }
        Optional<String> reason = w.cancelled.reason();
        if (reason.isPresent()) {
            if (w.finish()) {
                return new WaitOutcome.Cancelled(reason.get());
            }
            throw NothingYet.INSTANCE;
        }
        if (!claiming.add(w.sessionId)) {
            turnedAway.add(w.sessionId);
            if (!claiming.add(w.sessionId)) {
                throw NothingYet.INSTANCE; // woken when the claim under way is settled
            }
        }
        boolean settled = true;
        try {
            WaitOutcome outcome = claim(w);
            if (outcome == null) {
                // The wait ended (deadline, cancellation, shutdown) while this claim ran: nobody will read the message.
                settled = false;
                releaseSurely(w.claimed, () -> settle(w.sessionId));
            }
            return outcome;
        } finally {
            if (settled) {
                settle(w.sessionId);
            }
        }
    }

    /** The claim itself; null when it took a message for a wait that has ended meanwhile ({@code w.claimed}). */
    private WaitOutcome claim(Waiter w) {
        w.wakeUp.clear(); // a wake-up from now on is not missed: the next check comes at once
        Optional<InboxMessage> message;
        w.attemptStartedNanos = System.nanoTime();
        try {
            message = inbox.recover(w.claim);
            if (message.isEmpty()) {
                message = inbox.claimNext(w.sessionId, w.answers, w.claim);
                w.claim.settle();
            }
            w.lastAttemptFailed = false;
            w.storeProblem = null;
        } catch (RuntimeException e) {
            // A database hiccup (the H2 host changing) or a broken state directory: keep waiting until the deadline,
            // the next attempt comes soon; the deadline and the progress heartbeats do not depend on the store.
            onStoreFailure(w, e);
            w.lastAttemptFailed = true;
            throw NothingYet.INSTANCE;
        } finally {
            w.attemptStartedNanos = 0;
        }
        if (message.isEmpty()) {
            throw NothingYet.INSTANCE;
        }
        if (!w.finish()) {
            w.claimed = message.get().id;
            return null;
        }
        return new WaitOutcome.Delivered(message.get());
    }

    /** The session's claim is settled: waits of it that were turned away meanwhile are woken. */
    private void settle(String sessionId) {
        claiming.remove(sessionId);
        if (turnedAway.remove(sessionId)) {
            wakeWaitsOf(sessionId);
        }
    }

    private void onStoreFailure(Waiter w, RuntimeException e) {
        long now = System.nanoTime();
        if (w.storeProblem == null || now - w.lastFailureLogNanos >= FAILURE_LOG_EVERY_NANOS) {
            // Naming the state directory's problem checks the file system: once per wait and minute, not every retry.
            w.storeProblem = problems.explain(e);
            w.lastFailureLogNanos = now;
            LOG.warnf("Checking the inbox failed, will retry until the wait ends: %s", w.storeProblem.what());
        }
    }

    private static WaitOutcome timedOut(Waiter w, StoreProblem storeProblem) {
        // The max_wait asked for, even when a hanging store call made the wait end a little later.
        return new WaitOutcome.TimedOut(Math.min(w.elapsed().toSeconds(), w.maxWait.toSeconds()), storeProblem);
    }

    private static Uni<WaitOutcome> never() {
        return Uni.createFrom().nothing();
    }

    /** A message for a session was stored (and committed): its waits claim again at once. */
    void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionWakeUp wakeUp) {
        if (wakeUp.what() != SessionWakeUp.What.INBOX) {
            return;
        }
        wakeWaitsOf(wakeUp.sessionId());
    }

    private void wakeWaitsOf(String sessionId) {
        for (Waiter w : waiters) {
            if (w.sessionId.equals(sessionId)) {
                w.wakeUp.signal();
            }
        }
    }

    /**
     * Stops every wait without completing it: the client has gone (stdin closed), so a message claimed now would be
     * written to nobody and lost. Messages stay queued; later waits are refused the same way.
     */
    public void closeAll() {
        closed = true;
        for (Waiter w : waiters) {
            w.finish();
        }
        waiters.clear();
    }

    /** Puts a message handed to a wait back in the queue: its answer never reached the client. */
    public void giveBack(long messageId) {
        releaseSurely(messageId);
    }

    /** True while a wait of this session is pending in this process (it takes the session's next message). */
    public boolean waiting(String sessionId) {
        return waiters.stream().anyMatch(w -> w.sessionId.equals(sessionId) && !w.done.get());
    }

    /** Number of waits in progress in this process. */
    public int activeWaits() {
        return waiters.size();
    }

    private void ended(Waiter w) {
        w.finish();
        waiters.remove(w);
        Runnable forget = w.forgetCancelSignal;
        if (forget != null) {
            forget.run();
        }
        if (w.claim.uncertain()) {
            returnUncertainClaim(w);
        }
    }

    /** The wait ended while its last claim was unconfirmed: if that claim went through, the message goes back. */
    private void returnUncertainClaim(Waiter w) {
        Uni.createFrom().item(() -> inbox.recover(w.claim)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().retry().withBackOff(RELEASE_PAUSE, RELEASE_PAUSE).atMost(RELEASE_ATTEMPTS)
                .subscribe().with(claimed -> claimed.ifPresent(m -> releaseSurely(m.id)),
                        e -> LOG.errorf("Could not tell whether message of session %s was claimed: %s", w.sessionId,
                                e.getMessage()));
    }

    /** Gives a claimed message back, retrying through a database host change: it must not stay marked delivered. */
    private void releaseSurely(long messageId) {
        releaseSurely(messageId, () -> {
        });
    }

    /** As {@link #releaseSurely(long)}, then runs {@code after} (also when giving up). */
    private void releaseSurely(long messageId, Runnable after) {
        Uni.createFrom().voidItem().invoke(() -> inbox.release(messageId))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().retry().withBackOff(RELEASE_PAUSE, RELEASE_PAUSE).atMost(RELEASE_ATTEMPTS)
                .onTermination().invoke(after)
                .subscribe().with(done -> {
                }, e -> LOG.errorf("Could not put message %d back in the queue: %s", messageId, e.getMessage()));
    }

    /** Tells whether the caller gave up, and why. */
    @FunctionalInterface
    public interface CancelCheck {
        /** The reason when cancelled, else empty. */
        Optional<String> reason();

        /**
         * Asks to be told when the caller cancels: {@code signal} runs then (at once if it already has).
         *
         * @return what forgets {@code signal} once the wait ended; null when the cancellation can only be looked at
         *         (the wait then looks every {@link #TICK})
         */
        default Runnable whenCancelled(Runnable signal) {
            return null;
        }
    }

    /** The claim found nothing (or may not hand anything over): the wait goes on. */
    private static final class NothingYet extends RuntimeException {
        static final NothingYet INSTANCE = new NothingYet();

        private NothingYet() {
            super("nothing queued yet", null, false, false);
        }
    }

    private static final class Waiter {
        final String sessionId;
        /** The texts that end this wait, or null for any message. */
        final List<String> answers;
        final Duration maxWait;
        final CancelCheck cancelled;
        final Consumer<Long> heartbeat;
        final Function<Duration, Duration> heartbeatEvery;
        final ClaimAttempt claim = new ClaimAttempt();
        /** The message a claim took after the wait had ended (it goes back to the queue). */
        volatile long claimed;
        final AtomicBoolean done = new AtomicBoolean();
        final long startedNanos = System.nanoTime();
        long lastHeartbeatNanos = startedNanos;
        volatile boolean lastAttemptFailed;
        /** Why the last inbox check failed; null once one succeeds. */
        volatile StoreProblem storeProblem;
        volatile long lastFailureLogNanos;
        /** When the inbox check under way started; 0 when none is. */
        volatile long attemptStartedNanos;
        /** Set by a wake-up; cleared when a claim starts, so a wake-up during the claim is not missed. */
        final Signal wakeUp = new Signal();
        /** Forgets the cancellation signal; null when the cancellation is not signalled (then looked at every TICK). */
        volatile Runnable forgetCancelSignal;
        /** Set when the client cancels (where that is signalled): the watch looks at once. */
        final Signal cancelSignal = new Signal();

        Waiter(String sessionId, List<String> answers, Duration maxWait, CancelCheck cancelled,
                Consumer<Long> heartbeat, Function<Duration, Duration> heartbeatEvery) {
            this.sessionId = sessionId;
            this.answers = answers == null ? null : List.copyOf(answers);
            this.maxWait = maxWait;
            this.cancelled = cancelled;
            this.heartbeat = heartbeat;
            this.heartbeatEvery = heartbeatEvery;
        }

        boolean attempting() {
            return attemptStartedNanos != 0;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startedNanos);
        }

        /** True for the one path (delivery, deadline, cancellation, shutdown) that ends the wait. */
        boolean finish() {
            return done.compareAndSet(false, true);
        }

        /** How long the watch may sleep: until the next progress is due, and at most a TICK without a signal. */
        Duration nextLook() {
            long now = System.nanoTime();
            Duration every = heartbeatEvery.apply(Duration.ofNanos(now - startedNanos));
            Duration untilBeat = every.minusNanos(now - lastHeartbeatNanos);
            if (forgetCancelSignal == null && untilBeat.compareTo(TICK) > 0) {
                return TICK;
            }
            return untilBeat.compareTo(MIN_SLEEP) < 0 ? MIN_SLEEP : untilBeat;
        }

        void heartbeatIfDue() {
            long now = System.nanoTime();
            Duration waited = Duration.ofNanos(now - startedNanos);
            if (now - lastHeartbeatNanos >= heartbeatEvery.apply(waited).toNanos()) {
                lastHeartbeatNanos = now;
                heartbeat.accept(TimeUnit.NANOSECONDS.toSeconds(now - startedNanos));
            }
        }
    }
}
