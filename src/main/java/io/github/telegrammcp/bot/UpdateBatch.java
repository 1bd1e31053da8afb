package io.github.telegrammcp.bot;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.telegram.api.Update;

/**
 * Stores one batch of updates: routes each, stores what it asks for (inbox messages, command requests, button
 * presses) and advances the offset, all in one transaction, so an update is either stored once or fetched again.
 * What must be said in Telegram comes back as effects for after the commit; the sessions' processes are woken by the
 * events the stored rows fire.
 */
@ApplicationScoped
public class UpdateBatch {

    private static final Logger LOG = Logger.getLogger(UpdateBatch.class);

    private final UpdateRouter router;
    private final InboxService inbox;
    private final CommandHandler commands;
    private final ButtonActions buttons;
    private final PollerLease lease;

    public UpdateBatch(Settings settings, InboxService inbox, CommandHandler commands, ButtonActions buttons,
            PollerLease lease) {
        this.router = new UpdateRouter(settings.ownerChatId().orElse(0L), settings.allowedUsers());
        this.inbox = inbox;
        this.commands = commands;
        this.buttons = buttons;
        this.lease = lease;
    }

    /**
     * Routes and stores {@code updates} fetched from {@code offset}; returns the effects to perform once committed.
     * Throws {@link PollerLease.LeaseLostException} (and stores nothing) if another process took the lease meanwhile.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Effect> store(long offset, List<Update> updates) {
        List<Effect> effects = new ArrayList<>();
        RoutingView view = new StoreRoutingView();
        long next = offset;
        for (Update update : updates) {
            if (update.updateId() < offset) {
                continue; // already stored: Telegram redelivered it
            }
            next = Math.max(next, update.updateId() + 1);
            apply(update, router.route(update, view), effects);
        }
        lease.advanceOffset(offset, next);
        return effects;
    }

    private void apply(Update update, Route route, List<Effect> effects) {
        if (route instanceof Route.Ignore ignore) {
            LOG.infof("Ignored update %d: %s", update.updateId(), ignore.reason());
        } else if (route instanceof Route.Deliver deliver) {
            Long messageId = update.message() == null ? null : update.message().messageId();
            inbox.enqueue(deliver.target().id(), update.updateId(), messageId, deliver.text(), deliver.attachment());
            LOG.infof("Update %d queued for session %s (%s)", update.updateId(), deliver.target().name(),
                    deliver.via());
        } else if (route instanceof Route.Reply reply) {
            effects.add(new Effect.Send(reply.html()));
        } else if (route instanceof Route.AskWhich ask) {
            effects.add(buttons.picker(ask));
        } else if (route instanceof Route.Command command) {
            String answer = commands.handle(command.name(), command.args(), update.updateId());
            if (answer != null) {
                effects.add(new Effect.Send(answer));
            }
        } else if (route instanceof Route.Press press) {
            effects.addAll(buttons.press(press.query(), update.updateId()));
        }
    }
}
