package io.github.telegrammcp;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.bot.ButtonActions;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.session.SessionRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Gives a new session what a gone predecessor of the same name in the same project directory left: its queued
 * messages, the routing of replies to its messages and its buttons not pressed yet, in one transaction.
 */
@ApplicationScoped
class SessionHandover {

    private static final Logger LOG = Logger.getLogger(SessionHandover.class);

    private final InboxService inbox;
    private final BotMessenger messenger;
    private final ButtonActions buttons;

    SessionHandover(InboxService inbox, BotMessenger messenger, ButtonActions buttons) {
        this.inbox = inbox;
        this.messenger = messenger;
        this.buttons = buttons;
    }

    /** Hands over; a failure is logged (the messages stay with the predecessor's row, nothing is lost). */
    void handOver(SessionRegistry.Registration registration) {
        if (registration.predecessors().isEmpty()) {
            return;
        }
        try {
            int moved = QuarkusTransaction.requiringNew().call(() -> {
                messenger.takeOverReplies(registration.predecessors(), registration.sessionId());
                buttons.takeOver(registration.predecessors(), registration.sessionId());
                return inbox.takeOver(registration.predecessors(), registration.sessionId());
            });
            if (moved > 0) {
                LOG.infof("Took over %d queued message(s) of the previous session '%s' in this directory", moved,
                        registration.name());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not take over the previous session's queued messages: %s", e.getMessage());
        }
    }
}
