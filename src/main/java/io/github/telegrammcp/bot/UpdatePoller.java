package io.github.telegrammcp.bot;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.Store;
import io.github.telegrammcp.store.Tx;
import io.github.telegrammcp.telegram.ReceivedUpdate;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.SetMyCommands;
import io.github.telegrammcp.telegram.api.Update;
import io.github.telegrammcp.topics.Topics;

/**
 * Long-polls getUpdates while this process holds the {@link PollerLease}, and otherwise checks every second whether
 * the lease is free. Each batch of updates is routed and stored together with the new offset in one transaction, so an
 * update is either stored once or fetched again; answers to the owner are sent after the commit. An update that fails
 * on its own data (see {@link UpdateQuarantine}) is set aside, so that it cannot hold up the ones after it.
 */
@ApplicationScoped
public class UpdatePoller {

    private static final Logger LOG = Logger.getLogger(UpdatePoller.class);

    /** Long-poll timeout; shorter than the lease so that a renewal always comes before the lease runs out. */
    public static final int POLL_TIMEOUT_SECONDS = 8;
    // Half a second: when the holder exits, the next process should poll within 2 s even if the database host changes too.
    static final long ACQUIRE_EVERY_MILLIS = 500;

    private final Settings settings;
    private final PollerLease lease;
    private final TelegramClient client;
    private final SessionRegistry registry;
    private final InboxService inbox;
    private final WaitService waits;
    private final CommandHandler commands;
    private final BotMessenger messenger;
    private final UpdateRouter router;
    private final ButtonActions buttons;
    private final EffectPerformer effects;
    private final Store store;
    private final UpdateQuarantine quarantine;
    private final Topics topics;
    private volatile Consumer<String> commandListener = id -> {
    };

    private final Pause pause = new Pause();
    private volatile boolean running;
    private volatile boolean holding;
    private Thread thread;
    private boolean conflictReported;
    private boolean unauthorizedReported;
    private boolean nobodyAllowedNoticeSent;

    @Inject
    public UpdatePoller(Settings settings, PollerLease lease, TelegramClient client, SessionRegistry registry,
            InboxService inbox, WaitService waits, CommandHandler commands, BotMessenger messenger,
            ButtonActions buttons, EffectPerformer effects, Store store, UpdateQuarantine quarantine, Topics topics) {
        this.settings = settings;
        this.lease = lease;
        this.client = client;
        this.registry = registry;
        this.inbox = inbox;
        this.waits = waits;
        this.commands = commands;
        this.messenger = messenger;
        this.router = new UpdateRouter(settings.ownerChatId().orElse(0L), settings.allowedUsers(), client::botUsername);
        this.buttons = buttons;
        this.effects = effects;
        this.store = store;
        this.quarantine = quarantine;
        this.topics = topics;
    }

    /** Called with a session id whenever this poller stored something for it (commands for its process, say). */
    public void onStored(Consumer<String> listener) {
        this.commandListener = listener;
    }

    /** Starts the loop on its own thread. */
    public synchronized void start() {
        if (running || !settings.usable()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "telegram-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling and gives the lease to the next process. */
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            // No interrupt: a thread interrupted inside an H2 write closes the database file for every process.
            pause.wake();
            client.closePolling();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (holding) {
            holding = false;
            try {
                lease.release();
                LOG.info("Released the poller lease");
            } catch (RuntimeException e) {
                LOG.warnf("Could not release the poller lease (it expires by itself): %s", e.getMessage());
            }
        }
    }

    /** True while this process is the one polling Telegram. */
    public boolean isPolling() {
        return holding;
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                if (backoff > 0) {
                    pause.sleep(backoff);
                    backoff = 0;
                }
                if (!holding) {
                    if (lease.tryAcquire()) {
                        holding = true;
                        LOG.infof("This process (session %s) now polls Telegram", registry.currentName());
                        // On a daemon thread beside the poll: their retries must delay neither polling nor the exit.
                        // Until getMe answers, commands addressed to a bot by name are ignored.
                        Thread identity = new Thread(this::learnIdentityAndRegisterMenu, "telegram-bot-identity");
                        identity.setDaemon(true);
                        identity.start();
                    } else {
                        pause.sleep(ACQUIRE_EVERY_MILLIS);
                        continue;
                    }
                }
                if (!lease.renew()) {
                    holding = false;
                    LOG.info("Another process took over polling");
                    continue;
                }
                pollOnce();
                conflictReported = false;
                unauthorizedReported = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (PollerLease.LeaseLostException e) {
                holding = false;
                LOG.info("Lost the poller lease during a batch; the batch was not stored and will be fetched again");
            } catch (TelegramApiException e) {
                if (!running) {
                    return;
                }
                backoff = onTelegramError(e);
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Polling failed, retrying in 2 s: %s", client.redact(String.valueOf(e.getMessage())));
                backoff = 2000;
            }
        }
    }

    private void pollOnce() {
        long offset = lease.offset();
        List<ReceivedUpdate> updates = client.getUpdates(offset, POLL_TIMEOUT_SECONDS);
        if (updates.isEmpty() || !running) {
            return;
        }
        try {
            afterCommit(store.call(tx -> storeBatch(tx, offset, updates)));
        } catch (RuntimeException e) {
            if (!UpdateQuarantine.isPoison(e)) {
                throw e; // an outage: nothing was stored, the batch is fetched again
            }
            LOG.warnf("A batch of %d update(s) could not be stored (%s); storing them one at a time", updates.size(),
                    UpdateQuarantine.reason(e));
            storeOneByOne(offset, updates);
        }
    }

    /** Stores each update in its own transaction and sets aside the one whose own data fails, so the rest goes on. */
    private void storeOneByOne(long offset, List<ReceivedUpdate> updates) {
        long expected = offset;
        for (ReceivedUpdate update : updates) {
            if (update.updateId() < expected) {
                continue;
            }
            long from = expected;
            try {
                afterCommit(store.call(tx -> storeBatch(tx, from, List.of(update))));
            } catch (RuntimeException e) {
                if (!UpdateQuarantine.isPoison(e)) {
                    throw e; // an outage: what is committed stays, the rest is fetched again
                }
                quarantine.setAside(from, update, UpdateQuarantine.reason(e)).ifPresent(effects::perform);
            }
            expected = update.updateId() + 1;
        }
    }

    private void afterCommit(Batch batch) {
        nobodyAllowedNoticeSent |= batch.nobodyAllowedNotice;
        for (String sessionId : batch.wake) {
            waits.signal(sessionId);
            commandListener.accept(sessionId);
        }
        for (Effect effect : batch.effects) {
            effects.perform(effect);
        }
    }

    private Batch storeBatch(Tx tx, long offset, List<ReceivedUpdate> updates) {
        Batch batch = new Batch();
        StoreRoutingView view = new StoreRoutingView(registry, tx, topics.active());
        long next = offset;
        for (ReceivedUpdate received : updates) {
            if (received.updateId() < offset) {
                continue; // already stored: Telegram redelivered it (or it has no id at all)
            }
            next = Math.max(next, received.updateId() + 1);
            if (received.update() == null) {
                quarantine.record(received, "the server cannot read it: " + received.unreadable())
                        .ifPresent(batch.effects::add);
                continue;
            }
            Update update = received.update();
            Route route = router.route(update, view);
            apply(update, route, batch);
        }
        lease.advanceOffset(offset, next);
        return batch;
    }

    private void apply(Update update, Route route, Batch batch) {
        // Answers go to the topic the owner wrote in.
        Long thread = update.message() == null ? null : update.message().topicThreadId().orElse(null);
        if (route instanceof Route.Ignore ignore) {
            LOG.infof("Ignored update %d: %s", update.updateId(), ignore.reason());
            if (ignore.notice() != null && !nobodyAllowedNoticeSent && !batch.nobodyAllowedNotice) {
                batch.nobodyAllowedNotice = true;
                batch.effects.add(new Effect.Send(ignore.notice()).inThread(thread));
            }
        } else if (route instanceof Route.Deliver deliver) {
            Long messageId = update.message() == null ? null : update.message().messageId();
            inbox.enqueue(deliver.target().id(), update.updateId(), messageId, deliver.text(), deliver.attachment());
            batch.wake.add(deliver.target().id());
            LOG.infof("Update %d queued for session %s (%s)", update.updateId(), deliver.target().name(),
                    deliver.via());
        } else if (route instanceof Route.Reply reply) {
            batch.effects.add(new Effect.Send(reply.html()).inThread(thread));
        } else if (route instanceof Route.AskWhich ask) {
            batch.effects.add(buttons.picker(ask).inThread(thread));
        } else if (route instanceof Route.Command command) {
            CommandHandler.Outcome outcome = commands.handle(command.name(), command.args(), update.updateId());
            if (outcome.html() != null) {
                batch.effects.add(new Effect.Send(outcome.html()).inThread(thread));
            }
            if (outcome.wakeSessionId() != null) {
                batch.wake.add(outcome.wakeSessionId());
                if (command.name().equals("delete")) {
                    // After the answer, which may be in that very topic.
                    batch.effects.add(new Effect.CloseTopic(outcome.wakeSessionId()));
                }
            }
        } else if (route instanceof Route.Press press) {
            ButtonActions.PressResult result = buttons.press(press.query(), update.updateId());
            batch.effects.addAll(result.effects());
            if (result.wakeSessionId() != null) {
                batch.wake.add(result.wakeSessionId());
            }
        }
    }

    private void learnIdentityAndRegisterMenu() {
        try {
            client.getMe();
        } catch (RuntimeException e) {
            LOG.warnf("Could not learn this bot's username (commands addressed to it by name wait for it): %s",
                    e.getMessage());
        }
        registerCommandMenu();
    }

    private void registerCommandMenu() {
        try {
            client.setMyCommands(new SetMyCommands(CommandHandler.MENU,
                    Map.of("type", "chat", "chat_id", settings.ownerChatId().orElseThrow())));
        } catch (RuntimeException e) {
            LOG.warnf("Could not register the command menu (commands still work): %s", e.getMessage());
        }
    }

    private long onTelegramError(TelegramApiException e) {
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

    /** What a stored batch asks for after its commit. */
    private static final class Batch {
        final Set<String> wake = new LinkedHashSet<>();
        final List<Effect> effects = new ArrayList<>();
        boolean nobodyAllowedNotice;
    }
}
