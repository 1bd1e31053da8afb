package io.github.telegrammcp.outgoing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.telegram.render.Html;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Tells the owner when a message of theirs sits in this session's queue because the session is not waiting: when a
 * wait ends without taking it (cancelled, timed out), when it arrives while the assistant is busy (a few seconds after
 * its wake-up, so that a wait just starting can take it first; a slow schedule catches wake-ups that never came), and
 * when the session exits with messages queued. Each message is mentioned at most once, so the owner is not left
 * guessing why nobody answers, nor flooded.
 */
@ApplicationScoped
public class QueuedMessageNotice {

    private static final Logger LOG = Logger.getLogger(QueuedMessageNotice.class);

    /** A message younger than this may still be taken by a wait that is just starting: no notice yet. */
    static final long GRACE_MILLIS = 3_000;

    private final Settings settings;
    private final SessionRegistry registry;
    private final InboxService inbox;
    private final WaitService waits;
    private final BotMessenger messenger;
    private final AtomicLong lastNoticed = new AtomicLong();
    private volatile boolean exiting;

    public QueuedMessageNotice(Settings settings, SessionRegistry registry, InboxService inbox, WaitService waits,
            BotMessenger messenger) {
        this.settings = settings;
        this.registry = registry;
        this.inbox = inbox;
        this.waits = waits;
        this.messenger = messenger;
    }

    /** A wait of this session ended without taking a message: say so if one is queued. */
    public void afterWait() {
        noticeIfQueued(0, "stopped waiting");
    }

    /** This session's process is exiting: its queued messages stay for the next session of the same name. */
    public void beforeExit() {
        exiting = true;
        String id = registry.currentId().orElse(null);
        if (id == null || !settings.usable()) {
            return;
        }
        try {
            long pending = inbox.pendingCount(id);
            if (pending > 0) {
                String name = Html.escape(registry.currentName());
                messenger.sendToOwner("📥 <b>[" + name + "]</b> has ended with " + pending + " of your messages"
                        + " unanswered. They are kept and go to the next session called <b>" + name
                        + "</b> started in the same project directory.");
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not tell the owner about queued messages: %s", e.getMessage());
        }
    }

    /** A message for this session was stored: if no wait takes it within the grace time, say so. */
    void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionWakeUp wakeUp) {
        if (wakeUp.what() == SessionWakeUp.What.INBOX && registry.isCurrent(wakeUp.sessionId())) {
            Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(GRACE_MILLIS + 100))
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(x -> whileBusy());
        }
    }

    @Scheduled(every = "60s", delayed = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void whileBusy() {
        if (waits.activeWaits() == 0) {
            noticeIfQueued(GRACE_MILLIS, "is busy");
        }
    }

    private synchronized void noticeIfQueued(long minAgeMillis, String why) {
        String id = registry.currentId().orElse(null);
        if (id == null || !settings.usable() || exiting) {
            return;
        }
        try {
            List<long[]> pending = inbox.pendingIds(id);
            if (pending.isEmpty()) {
                return;
            }
            long newest = pending.get(pending.size() - 1)[0];
            long newestAge = System.currentTimeMillis() - pending.get(pending.size() - 1)[1];
            if (newest <= lastNoticed.get() || newestAge < minAgeMillis) {
                return;
            }
            lastNoticed.accumulateAndGet(newest, Math::max);
            int count = pending.size();
            String name = Html.escape(registry.currentName());
            messenger.sendForSession(id, "📥 <b>[" + name + "]</b> " + why + " before reading your message"
                    + (count > 1 ? "s (" + count + ")" : "") + ". It stays queued and is handed over, in order,"
                    + " at the session's next wait.");
        } catch (RuntimeException e) {
            LOG.warnf("Could not tell the owner about a queued message: %s", e.getMessage());
        }
    }
}
