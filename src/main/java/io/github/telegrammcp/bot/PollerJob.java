package io.github.telegrammcp.bot;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.store.PollState.Holder;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The getUpdates loop as a scheduled job. Every second the scheduler starts it unless it still runs
 * ({@code concurrentExecution = SKIP}: the job's Uni lasts as long as this process holds the lease). A run takes the
 * poller lease if it is free and then chains long polls, each starting as soon as the last one returned, until the
 * lease is lost or the process stops; so the scheduler's one-second tick adds no latency while polling. A process that
 * finds the lease taken does not ask the store again before it runs out (a holder that dies stops renewing it), except
 * when the holder is a process of this host that is gone or stopped. So that the tick adds no latency to a takeover
 * either, such a process arms a timer for the instant the lease runs out (or, for a holder of this host, may be taken
 * from a stopped one), and while the holder is a process of this host, it checks locally every {@link #LOCAL_CHECK}
 * whether that process is gone; either starts a run, through the same guard as the scheduler's tick, which stays the
 * driver. A holder that exits frees the lease and says so over the wake-up channel, and a run starts at once.
 */
@ApplicationScoped
public class PollerJob {

    private static final Logger LOG = Logger.getLogger(PollerJob.class);

    /** How long {@link #stop()} waits for a batch in progress to finish (never interrupted: it may be in the store). */
    static final Duration STOP_WAIT = Duration.ofSeconds(2);
    /**
     * How often a process checks, locally, whether the holder of the lease is a process of this host that is gone
     * (the scheduler's one-second tick would add up to a second to the takeover).
     */
    static final Duration LOCAL_CHECK = Duration.ofMillis(500);
    /** After a failed store call, the next attempt comes after this plus up to as much again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

    private final Settings settings;
    private final PollerLease lease;
    private final PollCycle cycle;
    private final PollErrors errors;
    private final CommandMenu menu;
    private final SessionRegistry registry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile CompletableFuture<Void> runDone = CompletableFuture.completedFuture(null);
    private volatile boolean enabled;
    private volatile boolean stopping;
    private volatile boolean holding;
    private volatile boolean everHeld;
    /** Epoch millis before which the lease is known to be held by another process (0: try at every tick). */
    private volatile long heldElsewhereUntil;
    /** Epoch millis before which the store is not asked again after a failure. */
    private volatile long retryAfter;
    /** The other process that held the lease when this one last asked, or null. */
    private volatile Holder otherHolder;
    /** The timer that starts a run when the other holder's lease runs out, and the instant it is armed for. */
    private Cancellable expiryTimer;
    private long expiryTimerAt;
    /** The ticks of {@link #LOCAL_CHECK} while another process of this host holds the lease, or null. */
    private Cancellable localWatch;

    public PollerJob(Settings settings, PollerLease lease, PollCycle cycle, PollErrors errors, CommandMenu menu,
            SessionRegistry registry) {
        this.settings = settings;
        this.lease = lease;
        this.cycle = cycle;
        this.errors = errors;
        this.menu = menu;
        this.registry = registry;
    }

    /** Lets the job run (once the session is registered); without a usable configuration it never does. */
    public void start() {
        enabled = settings.usable();
    }

    /** True while this process is the one polling Telegram. */
    public boolean isPolling() {
        return holding;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        if (!enabled || stopping || !running.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        long now = System.currentTimeMillis();
        Holder other = otherHolder;
        boolean takeOver = other != null && lease.canTakeOver(other, now);
        if (now < retryAfter || now < heldElsewhereUntil && !takeOver) {
            running.set(false);
            if (other != null) {
                armExpiryTimer(other); // a timer that fired a little early, or a holder that was not stopped yet
            }
            return Uni.createFrom().voidItem();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        runDone = done;
        String why = takeOver && ThisHost.stopped(other.pid()) ? "was stopped" : "was gone";
        return PollCycle.blocking(() -> takeOver ? lease.takeOver(other) : lease.tryAcquire())
                .chain(holder -> {
                    if (takeOver && holder.isEmpty()) {
                        LOG.infof("Took the poller lease from process %d on this host, which %s", other.pid(), why);
                    }
                    otherHolder = holder.orElse(null);
                    heldElsewhereUntil = holder.map(h -> Math.max(h.until(), System.currentTimeMillis())).orElse(0L);
                    holder.ifPresentOrElse(this::watch, this::cancelTimers);
                    return holder.isEmpty() && !stopping ? hold() : Uni.createFrom().voidItem();
                })
                .onFailure().invoke(e -> {
                    // Not every second in step with the other processes: while the database host changes, each
                    // attempt to reach it rewrites H2's lock file and delays the takeover for all.
                    retryAfter = System.currentTimeMillis() + RETRY_AFTER_FAILURE.toMillis()
                            + ThreadLocalRandom.current().nextLong(RETRY_AFTER_FAILURE.toMillis());
                    LOG.warnf("Polling stopped by %s (retrying in a few seconds): %s", e.getClass().getSimpleName(),
                            e.getMessage());
                })
                .onFailure().recoverWithNull()
                .onTermination().invoke(() -> {
                    holding = false;
                    running.set(false);
                    done.complete(null);
                });
    }

    /** Another process freed the lease: try to take it now rather than when it would have run out. */
    void onWakeUp(@Observes SessionWakeUp wakeUp) {
        if (wakeUp.what() == SessionWakeUp.What.LEASE && wakeUp.fromElsewhere()) {
            heldElsewhereUntil = 0;
            retryAfter = 0;
            otherHolder = null;
            cancelTimers();
            runNow("Taking the freed lease");
        }
    }

    /**
     * Arms (or moves) the timer that starts a run at the next instant {@code other}'s lease may be taken: when it runs
     * out ({@code lease_until} is compared with the taker's clock, as here), or, for a holder of this host, when a
     * stopped one loses it. A timer for the same instant is armed once; none when both instants have passed.
     */
    private void armExpiryTimer(Holder other) {
        long now = System.currentTimeMillis();
        OptionalLong next = lease.nextTakeOverMillis(other, now);
        synchronized (this) {
            if (stopping || next.isEmpty() || next.getAsLong() == expiryTimerAt && expiryTimer != null) {
                return;
            }
            long at = next.getAsLong();
            if (expiryTimer != null) {
                expiryTimer.cancel();
            }
            expiryTimerAt = at;
            expiryTimer = Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(at - now)).subscribe()
                    .with(ignored -> {
                        synchronized (this) {
                            if (expiryTimerAt == at) {
                                expiryTimer = null;
                            }
                        }
                        runNow("Taking the lease when it ran out");
                    });
        }
    }

    /**
     * Watches {@code other}, which holds the lease: a timer for when it may be taken, and, while it is a process of this
     * host, a check every {@link #LOCAL_CHECK} whether its pid is gone (one look at the process table, no database
     * call; the full check of {@link PollerLease#canTakeOver} reads the process's details). Every 250 ms, the timer's
     * wake-ups alone cost a waiting session 0.1-0.2 s of CPU per minute; every 500 ms, about 0.02. A pid that another program reuses, or a stopped holder, is
     * found by the scheduler's tick and the timer, as before.
     */
    private void watch(Holder other) {
        armExpiryTimer(other);
        synchronized (this) {
            if (stopping || !lease.onThisHost(other)) {
                cancelLocalWatch();
            } else if (localWatch == null) {
                localWatch = Multi.createFrom().ticks().every(LOCAL_CHECK).subscribe().with(tick -> {
                    Holder h = otherHolder;
                    if (h != null && !running.get() && ThisHost.gone(h.pid())) {
                        runNow("Taking the lease from a process that is gone");
                    }
                });
            }
        }
    }

    private synchronized void cancelTimers() {
        if (expiryTimer != null) {
            expiryTimer.cancel();
            expiryTimer = null;
        }
        expiryTimerAt = 0;
        cancelLocalWatch();
    }

    private synchronized void cancelLocalWatch() {
        if (localWatch != null) {
            localWatch.cancel();
            localWatch = null;
        }
    }

    /** Starts a run outside the scheduler's tick; {@link #run()} keeps it from overlapping one that is under way. */
    private void runNow(String what) {
        run().subscribe().with(done -> {
        }, e -> LOG.debugf("%s failed: %s", what, e.getMessage()));
    }

    private Uni<Void> hold() {
        holding = true;
        everHeld = true;
        LOG.infof("This process (session %s) now polls Telegram", registry.currentName());
        menu.registerInBackground();
        return Uni.createFrom().deferred(this::turn).repeat().whilst(holds -> holds && !stopping)
                .collect().last().replaceWithVoid();
    }

    private Uni<Boolean> turn() {
        return cycle.run(() -> stopping).invoke(errors::succeeded).onFailure().recoverWithUni(this::afterFailure);
    }

    private Uni<Boolean> afterFailure(Throwable failure) {
        if (stopping) {
            return Uni.createFrom().item(false);
        }
        if (failure instanceof PollerLease.LeaseLostException) {
            LOG.info("Lost the poller lease during a batch; the batch was not stored and will be fetched again");
            return Uni.createFrom().item(false);
        }
        return PollCycle.blocking(() -> errors.backoffMillis(failure))
                // A copy: Mutiny cancels the stage it waits on when the timeout wins.
                .chain(millis -> Uni.createFrom().completionStage(stopped.copy()).ifNoItem()
                        .after(Duration.ofMillis(millis)).recoverWithItem((Void) null))
                .replaceWith(true);
    }

    /**
     * Stops polling and gives the lease to the next process: aborts the long poll in flight, waits (without
     * interrupting) for a batch being stored, then frees the lease.
     */
    public void stop() {
        stopping = true;
        cancelTimers();
        stopped.complete(null);
        cycle.abort();
        try {
            runDone.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("The poller did not end within %s: %s", STOP_WAIT, e.toString());
        }
        if (everHeld) {
            try {
                lease.release();
                LOG.info("Released the poller lease");
            } catch (RuntimeException e) {
                LOG.warnf("Could not release the poller lease (it expires by itself): %s", e.getMessage());
            }
        }
    }
}
