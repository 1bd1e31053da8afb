package io.github.telegrammcp.bot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.telegram.ReceivedUpdate;
import io.github.telegrammcp.telegram.api.Update;

/**
 * Stores one batch of updates: routes each, stores what it asks for (inbox messages, command requests, button
 * presses) and advances the offset, all in one transaction, so an update is either stored once or fetched again.
 * What must be said in Telegram comes back as effects for after the commit; the sessions' processes are woken by the
 * events the stored rows fire. An update the server cannot read is set aside ({@link UpdateQuarantine}) in the same
 * transaction; the owner of a group chat where nobody may command the bot is told so once.
 */
@ApplicationScoped
public class UpdateBatch {

    private static final Logger LOG = Logger.getLogger(UpdateBatch.class);

    private final UpdateRouter router;
    private final InboxService inbox;
    private final CommandHandler commands;
    private final ButtonActions buttons;
    private final PollerLease lease;
    private final UpdateQuarantine quarantine;
    /** Set once the notice about a group without allowed users went out in a committed batch. */
    private volatile boolean nobodyAllowedNoticeSent;

    public UpdateBatch(UpdateRouter router, InboxService inbox, CommandHandler commands, ButtonActions buttons,
            PollerLease lease, UpdateQuarantine quarantine) {
        this.router = router;
        this.inbox = inbox;
        this.commands = commands;
        this.buttons = buttons;
        this.lease = lease;
        this.quarantine = quarantine;
    }

    /** What a committed batch asks for in Telegram, and whether it told a group that nobody may command the bot. */
    record Stored(List<Effect> effects, boolean nobodyAllowedNotice) {
    }

    /**
     * Routes and stores {@code updates} fetched from {@code offset}; returns the effects to perform once committed.
     * Throws {@link PollerLease.LeaseLostException} (and stores nothing) if another process took the lease meanwhile.
     */
    public List<Effect> store(long offset, List<ReceivedUpdate> updates) {
        Stored stored = storeInTransaction(offset, updates);
        // Only once committed: a batch rolled back sent nothing.
        nobodyAllowedNoticeSent |= stored.nobodyAllowedNotice();
        return stored.effects();
    }

    @Transactional(TxType.REQUIRES_NEW)
    Stored storeInTransaction(long offset, List<ReceivedUpdate> updates) {
        List<Effect> effects = new ArrayList<>();
        boolean[] notice = { false };
        RoutingView view = new StoreRoutingView();
        long next = offset;
        for (ReceivedUpdate received : updates) {
            if (received.updateId() < offset) {
                continue; // already stored: Telegram redelivered it (or it has no id at all)
            }
            next = Math.max(next, received.updateId() + 1);
            if (received.update() == null) {
                quarantine.record(received, "the server cannot read it: " + received.unreadable())
                        .ifPresent(effects::add);
                continue;
            }
            Update update = received.update();
            apply(update, router.route(update, view), view, effects, notice);
        }
        lease.advanceOffset(offset, next);
        return new Stored(effects, notice[0]);
    }

    private void apply(Update update, Route route, RoutingView view, List<Effect> effects, boolean[] notice) {
        // Answers go to the topic the owner wrote in (null: the main chat).
        Long thread = update.message() == null ? null : update.message().topicThreadId().orElse(null);
        if (route instanceof Route.Ignore ignore) {
            LOG.infof("Ignored update %d: %s", update.updateId(), ignore.reason());
            if (ignore.notice() != null && !nobodyAllowedNoticeSent && !notice[0]) {
                notice[0] = true;
                effects.add(new Effect.Send(ignore.notice()).inThread(thread));
            }
        } else if (route instanceof Route.Deliver deliver) {
            Long messageId = update.message() == null ? null : update.message().messageId();
            inbox.enqueue(deliver.target().id(), update.updateId(), messageId, deliver.text(), deliver.attachment());
            LOG.infof("Update %d queued for session %s (%s)", update.updateId(), deliver.target().name(),
                    deliver.via());
        } else if (route instanceof Route.Reply reply) {
            effects.add(new Effect.Send(reply.html()).inThread(thread));
        } else if (route instanceof Route.AskWhich ask) {
            effects.add(buttons.picker(ask).inThread(thread));
        } else if (route instanceof Route.Command command) {
            // The session /delete names, looked up before the command ends it: its topic is closed afterwards.
            Optional<SessionRef> deleted = command.name().equals("delete") && !command.args().isBlank()
                    ? view.liveByName(command.args().strip())
                    : Optional.empty();
            String answer = commands.handle(command.name(), command.args(), update.updateId());
            if (answer != null) {
                effects.add(new Effect.Send(answer).inThread(thread));
            }
            deleted.filter(s -> view.liveByName(s.name()).filter(now -> now.id().equals(s.id())).isEmpty())
                    // After the answer, which may go to that very topic.
                    .ifPresent(s -> effects.add(new Effect.CloseTopic(s.id())));
        } else if (route instanceof Route.Press press) {
            effects.addAll(buttons.press(press.query(), update.updateId()));
        }
    }
}
