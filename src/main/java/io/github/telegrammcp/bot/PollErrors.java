package io.github.telegrammcp.bot;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;

/**
 * What the poller does after a failed poll: how long it waits before the next one, what it logs, and when it tells the
 * owner (once per run of failures, for what the owner can fix).
 */
@ApplicationScoped
public class PollErrors {

    private static final Logger LOG = Logger.getLogger(PollErrors.class);

    private final BotMessenger messenger;
    private final TelegramClient client;
    private boolean conflictReported;
    private boolean unauthorizedReported;

    public PollErrors(BotMessenger messenger, TelegramClient client) {
        this.messenger = messenger;
        this.client = client;
    }

    /** A poll went through: later failures are reported afresh. */
    synchronized void succeeded() {
        conflictReported = false;
        unauthorizedReported = false;
    }

    /** Milliseconds to wait before polling again after {@code failure}; may send the owner a notice (blocking). */
    synchronized long backoffMillis(Throwable failure) {
        if (!(failure instanceof TelegramApiException e)) {
            LOG.warnf("Polling failed, retrying in 2 s: %s", client.redact(String.valueOf(failure.getMessage())));
            return 2000;
        }
        if (e.isConflict()) {
            LOG.warnf("Telegram answered 409 Conflict (%s): another program polls this bot or a webhook is set;"
                    + " backing off", e.description());
            if (!conflictReported) {
                conflictReported = true;
                try {
                    messenger.sendToOwner("Another program is reading this bot's updates (409 Conflict), so messages"
                            + " may not reach your sessions. Stop the other bot instance or remove its webhook.");
                } catch (RuntimeException ignored) {
                    // The notice is best effort; the log has it.
                }
            }
            return 5000;
        }
        if (e.isUnauthorized()) {
            if (!unauthorizedReported) {
                unauthorizedReported = true;
                LOG.error(e.userMessage());
            }
            return 60_000;
        }
        if (e.isRateLimited()) {
            return (e.retryAfter() == null ? 1 : e.retryAfter()) * 1000L;
        }
        LOG.warnf("getUpdates failed, retrying: %s", e.getMessage());
        return 2000;
    }
}
