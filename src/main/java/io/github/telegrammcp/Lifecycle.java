package io.github.telegrammcp;

import java.time.Duration;

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
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

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
            // A shared database may be down or unreachable for a while: keep trying in the background, tools say why.
            Thread opener = new Thread(this::openShared, "store-startup");
            opener.setDaemon(true);
            opener.start();
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
            String problem = "The state store in " + settings.stateDir() + " cannot be used (" + e.getMessage()
                    + "). Check that the directory is writable and not on a full disk, then restart the assistant.";
            LOG.error(problem, e);
            readiness.finished(problem);
            return;
        }
        readiness.finished(null);
        poller.start();
    }

    private void openShared() {
        try {
            storeStartup.open(Duration.ofDays(3650), readiness::retrying);
        } catch (RuntimeException e) {
            String problem = "This session cannot start: the shared database cannot be used (" + e.getMessage()
                    + "). Check TELEGRAM_DATABASE_URL and the database, then restart the assistant.";
            LOG.error(problem, e);
            readiness.finished(problem);
            return;
        }
        readiness.finished(null);
        poller.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        waits.closeAll();
        // The lease first: another process polls at once, whatever else this exit still does.
        poller.stop();
        queuedNotice.beforeExit();
        storeStartup.close();
    }
}
