package io.github.telegrammcp.bot;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.render.Html;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Runs the commands addressed to this process's session (such as /file), which only this process can run because it
 * has the session's files. A {@link SessionWakeUp} for the session starts a run on a worker thread; a slow schedule
 * catches wake-ups that never came. One run at a time.
 */
@ApplicationScoped
public class CommandWorker {

    private static final Logger LOG = Logger.getLogger(CommandWorker.class);

    private final SessionRegistry registry;
    private final FileCommand fileCommand;
    private final BotMessenger messenger;
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean again;
    private volatile String lastFailure;
    private volatile long lastFailureLogged;

    public CommandWorker(SessionRegistry registry, FileCommand fileCommand, BotMessenger messenger) {
        this.registry = registry;
        this.fileCommand = fileCommand;
        this.messenger = messenger;
    }

    /** A command for this session was stored (and committed). */
    void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionWakeUp wakeUp) {
        if (wakeUp.what() == SessionWakeUp.What.COMMAND && registry.isCurrent(wakeUp.sessionId())) {
            runSoon();
        }
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void safetyNet() {
        runSoon();
    }

    /** Runs every pending command of this session on a worker thread, unless a run is under way (it runs again). */
    void runSoon() {
        again = true;
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().voidItem().invoke(this::drain).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(done -> finished(), failure -> finished());
    }

    private void finished() {
        running.set(false);
        if (again) {
            runSoon();
        }
    }

    private void drain() {
        again = false;
        try {
            Optional<CommandRequest> next;
            while ((next = takeNext()).isPresent()) {
                run(next.get());
            }
        } catch (RuntimeException e) {
            // Checked every second: while the store is down, say so when the reason changes and then once a minute.
            long now = System.nanoTime();
            if (!String.valueOf(e.getMessage()).equals(lastFailure) || now - lastFailureLogged > 60_000_000_000L) {
                lastFailure = String.valueOf(e.getMessage());
                lastFailureLogged = now;
                LOG.warnf("Checking for session commands failed, will retry: %s", e.getMessage());
            }
        }
    }

    /** Takes this session's oldest pending command, if any. */
    @Transactional(TxType.REQUIRES_NEW)
    Optional<CommandRequest> takeNext() {
        Optional<String> me = registry.currentId();
        if (me.isEmpty()) {
            return Optional.empty();
        }
        Optional<CommandRequest> next = CommandRequest.nextPending(me.get());
        if (next.isEmpty() || !CommandRequest.take(next.get().id, System.currentTimeMillis())) {
            return Optional.empty();
        }
        return next;
    }

    private void run(CommandRequest request) {
        String sessionId = request.sessionId;
        try {
            if ("file".equals(request.command)) {
                fileCommand.run(sessionId, request.args);
            } else {
                LOG.warnf("Unknown session command %s ignored", request.command);
            }
        } catch (TelegramApiException e) {
            LOG.warnf("/%s could not be answered: %s", request.command, e.getMessage());
            tell(sessionId, "⚠️ /" + request.command + " failed: " + Html.escape(e.userMessage()));
        } catch (Exception e) {
            LOG.warnf("/%s failed: %s", request.command, e.toString());
            tell(sessionId, "⚠️ /" + request.command + " failed: " + Html.escape(String.valueOf(e.getMessage())));
        }
    }

    private void tell(String sessionId, String html) {
        try {
            messenger.sendForSession(sessionId, html);
        } catch (RuntimeException e) {
            LOG.warnf("Could not report the failure: %s", e.getMessage());
        }
    }
}
