package io.github.telegrammcp;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.github.telegrammcp.bot.PollerJob;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.outgoing.QueuedMessageNotice;
import io.github.telegrammcp.session.Readiness;
import io.github.telegrammcp.store.Migrations;
import io.github.telegrammcp.store.StoreEngine;
import io.github.telegrammcp.store.StoreProblems;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Starts and ends this process's part in the shared bot: opens the store and registers the session, lets the poller
 * job run, and on exit (the client closed stdin) stops the waits, hands the lease over, tells the owner about messages
 * left queued and marks the session gone.
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    private final Settings settings;
    private final StoreStartup storeStartup;
    private final Readiness readiness;
    private final PollerJob poller;
    private final WaitService waits;
    private final QueuedMessageNotice queuedNotice;
    /** The background opening of the shared PostgreSQL store, while it runs; cancelled at exit. */
    private volatile Cancellable opening;

    public Lifecycle(Settings settings, StoreStartup storeStartup, Readiness readiness, PollerJob poller,
            WaitService waits, QueuedMessageNotice queuedNotice) {
        this.settings = settings;
        this.storeStartup = storeStartup;
        this.readiness = readiness;
        this.poller = poller;
        this.waits = waits;
        this.queuedNotice = queuedNotice;
    }

    void onStart(@Observes StartupEvent event) {
        if (!settings.problems().isEmpty()) {
            LOG.warn(settings.problemReport());
        }
        if (settings.ownerChatId().orElse(0L) < 0 && settings.allowedUsers().isEmpty()) {
            LOG.warnf("TELEGRAM_CHAT_ID %d is a group, and TELEGRAM_ALLOWED_USERS is empty: nobody in the group will"
                    + " be obeyed. Add the user ids that may command the bot to TELEGRAM_ALLOWED_USERS.",
                    settings.ownerChatId().get());
        }
        java.util.Optional<String> mismatch = StoreEngine.mismatch();
        if (mismatch.isPresent()) {
            String problem = "This session cannot start: " + mismatch.get() + ".";
            LOG.error(problem);
            readiness.finished(problem);
            return;
        }
        if (StoreEngine.postgres()) {
            openShared();
            return;
        }
        try {
            storeStartup.open();
        } catch (StoreStartup.UnusableStateDirectory e) {
            String problem = "This session cannot start: " + e.getMessage() + ". The state directory holds the shared"
                    + " database; set TELEGRAM_STATE_DIR to a writable directory with free space (or fix this one),"
                    + " then restart the assistant.";
            LOG.error(problem);
            readiness.finished(problem);
            return;
        } catch (Migrations.Unfixable e) {
            String problem = "This session cannot start: " + e.getMessage() + ".";
            LOG.error(problem, e);
            readiness.finished(problem);
            return;
        } catch (RuntimeException e) {
            String problem = "The state store in " + settings.stateDir() + " cannot be used (" + e.getMessage() + "). "
                    + StoreProblems.atStartUp(e, settings.stateDir(), StoreStartup.GIVE_UP_AFTER);
            LOG.error(problem, e);
            readiness.finished(problem);
            return;
        }
        readiness.finished(null);
        poller.start();
    }

    /**
     * A shared database may be down or unreachable for a while: keeps trying in the background, tools say why. Each
     * attempt runs on a worker thread; the pause between attempts is a timer, so no thread waits through it. A schema
     * this build cannot migrate, or an unusable state directory, ends it at once.
     */
    private void openShared() {
        Uni<String> prepared = Uni.createFrom().item(storeStartup::prepare)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        opening = prepared
                .chain(wakeAddress -> Uni.createFrom().item(() -> {
                    storeStartup.attempt(wakeAddress);
                    return wakeAddress;
                }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                        .onFailure(Lifecycle::worthRetrying).invoke(e -> {
                            LOG.warnf("The state store is not reachable yet (%s); retrying", e.getMessage());
                            readiness.retrying(e.getMessage());
                        })
                        .onFailure(Lifecycle::worthRetrying).retry()
                        .withBackOff(StoreStartup.pgRetryDelay(), StoreStartup.pgRetryDelay()).indefinitely())
                .subscribe().with(wakeAddress -> {
                    readiness.finished(null);
                    poller.start();
                }, e -> {
                    String problem = "This session cannot start: the shared database cannot be used (" + e.getMessage()
                            + "). Check TELEGRAM_DATABASE_URL and the database, then restart the assistant.";
                    LOG.error(problem, e);
                    readiness.finished(problem);
                });
    }

    private static boolean worthRetrying(Throwable e) {
        return !(e instanceof Migrations.Unfixable || e instanceof StoreStartup.UnusableStateDirectory);
    }

    void onStop(@Observes ShutdownEvent event) {
        Cancellable pending = opening;
        if (pending != null) {
            pending.cancel();
        }
        waits.closeAll();
        // The lease first: another process polls at once, whatever else this exit still does.
        poller.stop();
        queuedNotice.beforeExit();
        storeStartup.close();
    }
}
