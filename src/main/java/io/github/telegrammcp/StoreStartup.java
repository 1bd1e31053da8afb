package io.github.telegrammcp;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.bot.ButtonActions;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.WakeChannel;
import io.github.telegrammcp.store.Migrations;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Opens the shared state store at start-up: listens for wake-ups, migrates the schema and registers the session (with
 * its wake-up address), retrying for a while; then gives the new session what a gone predecessor of the same name in
 * the same project directory left: its queued messages, the routing of replies to its messages and its buttons not
 * pressed yet. At exit it marks
 * the session gone. A session often
 * starts while another one exits, and when the exiting process hosted the H2 database its connections break until
 * another process takes over (a few seconds); that must not stop the new session from starting.
 */
@ApplicationScoped
public class StoreStartup {

    private static final Logger LOG = Logger.getLogger(StoreStartup.class);

    /** How long start-up keeps trying before it reports the store as unusable. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static final long RETRY_MILLIS = 500;

    private final Migrations migrations;
    private final SessionRegistry registry;
    private final WakeChannel wakeChannel;
    private final InboxService inbox;
    private final BotMessenger messenger;
    private final ButtonActions buttons;

    public StoreStartup(Migrations migrations, SessionRegistry registry, WakeChannel wakeChannel, InboxService inbox,
            BotMessenger messenger, ButtonActions buttons) {
        this.migrations = migrations;
        this.registry = registry;
        this.wakeChannel = wakeChannel;
        this.inbox = inbox;
        this.messenger = messenger;
        this.buttons = buttons;
    }

    /** Migrates and registers; throws the last failure once {@link #GIVE_UP_AFTER} has passed. */
    public void open() {
        String wakeAddress = wakeChannel.listen();
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            try {
                migrations.migrate();
                registry.register(wakeAddress).ifPresent(this::handOver);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("The state store is not reachable yet (%s); retrying", e.getMessage());
                try {
                    Thread.sleep(RETRY_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Marks this session gone (its process is exiting) and stops listening for wake-ups. */
    public void close() {
        try {
            registry.unregister();
        } catch (RuntimeException e) {
            LOG.warnf("Could not mark the session gone (others will notice within a minute): %s", e.getMessage());
        }
        wakeChannel.close();
    }

    private void handOver(SessionRegistry.Registration registration) {
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
