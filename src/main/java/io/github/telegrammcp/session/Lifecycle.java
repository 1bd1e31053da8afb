package io.github.telegrammcp.session;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.bot.CommandWorker;
import io.github.telegrammcp.bot.QueuedMessageNotice;
import io.github.telegrammcp.bot.UpdatePoller;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.topics.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Starts and ends this process's part in the shared bot: registers the session and joins the poller election at
 * start-up, beats every 10 s, and on exit (the client closed stdin) hands the lease over and marks the session gone.
 */
@ApplicationScoped
public class Lifecycle {

    private static final Logger LOG = Logger.getLogger(Lifecycle.class);

    private final Settings settings;
    private final SessionRegistry registry;
    private final UpdatePoller poller;
    private final CommandWorker commandWorker;

    @Inject
    QueuedMessageNotice queuedNotice;

    @Inject
    StoreStartup storeStartup;

    @Inject
    WaitService waits;

    @Inject
    Topics topics;

    private volatile String startupProblem;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    @Inject
    public Lifecycle(Settings settings, SessionRegistry registry, UpdatePoller poller, CommandWorker commandWorker) {
        this.settings = settings;
        this.registry = registry;
        this.poller = poller;
        this.commandWorker = commandWorker;
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
        try {
            storeStartup.open();
        } catch (StoreStartup.UnusableStateDirectory e) {
            startupProblem = "This session cannot start: " + e.getMessage() + ". The state directory holds the shared"
                    + " database; set TELEGRAM_STATE_DIR to a writable directory with free space (or fix this one),"
                    + " then restart the assistant.";
            LOG.error(startupProblem);
            return;
        } catch (RuntimeException e) {
            startupProblem = "The state store in " + settings.stateDir() + " cannot be used (" + e.getMessage()
                    + "). Check that the directory is writable and not on a full disk, then restart the assistant.";
            LOG.error(startupProblem, e);
            return;
        } finally {
            ready.complete(null);
        }
        commandWorker.start(poller);
        poller.start();
        // The session's topic is ready before the owner looks for it; the first send waits for it if need be.
        Thread topic = new Thread(topics::ensureCurrent, "telegram-session-topic");
        topic.setDaemon(true);
        topic.start();
    }

    /**
     * Blocks until start-up has registered the session (the MCP channel may answer before that), at most
     * {@code timeout}; returns false on timeout.
     */
    public boolean awaitReady(Duration timeout) {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        try {
            registry.heartbeat();
        } catch (RuntimeException e) {
            LOG.warnf("Heartbeat failed (will retry): %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        waits.closeAll();
        // The lease first: another process polls within a second or two, whatever else this exit still does.
        poller.stop();
        queuedNotice.beforeExit();
        try {
            registry.unregister();
        } catch (RuntimeException e) {
            LOG.warnf("Could not mark the session gone (others will notice within a minute): %s", e.getMessage());
        }
    }

    /** Why this session could not start, if it could not. */
    public String startupProblem() {
        return startupProblem;
    }
}
