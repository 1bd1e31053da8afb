package io.github.telegrammcp.bot;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.Store;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.render.Html;

/**
 * Runs the commands addressed to this process's session (such as /file), which only this process can run because it
 * has the session's files. Checks the store every second, and at once when this process's poller stored one.
 */
@ApplicationScoped
public class CommandWorker {

    private static final Logger LOG = Logger.getLogger(CommandWorker.class);

    private final SessionRegistry registry;
    private final FileCommand fileCommand;
    private final BotMessenger messenger;
    private final Store store;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-commands");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean started;
    private String lastFailure;
    private long lastFailureLogged;

    @Inject
    public CommandWorker(SessionRegistry registry, FileCommand fileCommand, BotMessenger messenger, Store store) {
        this.registry = registry;
        this.fileCommand = fileCommand;
        this.messenger = messenger;
        this.store = store;
    }

    /** Starts checking for this session's commands. */
    public synchronized void start(UpdatePoller poller) {
        if (started) {
            return;
        }
        started = true;
        executor.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.SECONDS);
        poller.onStored(sessionId -> {
            if (registry.currentId().filter(sessionId::equals).isPresent()) {
                executor.execute(this::drain);
            }
        });
    }

    private void drain() {
        try {
            Optional<CommandRequest> next;
            while ((next = claimNext()).isPresent()) {
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

    private Optional<CommandRequest> claimNext() {
        Optional<String> me = registry.currentId();
        if (me.isEmpty()) {
            return Optional.empty();
        }
        return store.call(tx -> {
            Optional<CommandRequest> next = tx.first("SELECT * FROM command_request WHERE session_id = ?"
                    + " AND done_at IS NULL ORDER BY id", CommandRequest::read, me.get());
            if (next.isEmpty() || tx.update("UPDATE command_request SET done_at = ? WHERE id = ? AND done_at IS NULL",
                    System.currentTimeMillis(), next.get().id) == 0) {
                return Optional.<CommandRequest> empty();
            }
            return next;
        });
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

    @PreDestroy
    void stop() {
        // No interrupts: a thread interrupted inside a database call must not break the shared H2 file.
        executor.shutdown();
    }
}
