package io.github.telegrammcp.channel;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.mcp.WaitTools;
import io.github.telegrammcp.session.SessionRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Pushes the owner's messages for this process's session into Claude Code while no wait of the session runs
 * ({@code TELEGRAM_CHANNEL=on}). A message is claimed in the inbox before it is pushed, exactly as a wait claims it,
 * so it reaches the session once: through a wait's result or through the channel, never both. Checks twice a
 * second, only with channels on and after the client was told this server is a channel.
 */
@ApplicationScoped
public class ChannelPusher {

    private static final Logger LOG = Logger.getLogger(ChannelPusher.class);

    static final long CHECK_EVERY_MILLIS = 500;

    private final ClaudeChannel channel;
    private final SessionRegistry registry;
    private final InboxService inbox;
    private final WaitService waits;
    private final WaitTools text;
    private final Settings settings;
    private ScheduledExecutorService timer;
    private boolean failureLogged;

    @Inject
    public ChannelPusher(ClaudeChannel channel, SessionRegistry registry, InboxService inbox, WaitService waits,
            WaitTools text, Settings settings) {
        this.channel = channel;
        this.registry = registry;
        this.inbox = inbox;
        this.waits = waits;
        this.text = text;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        if (!channel.enabled() || !settings.usable()) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "claude-channel");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pushPending, CHECK_EVERY_MILLIS, CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Pushes every message queued for this session, oldest first, unless a wait is there to take them. */
    void pushPending() {
        try {
            Optional<String> session = registry.currentId();
            while (session.isPresent() && channel.ready() && !waits.waiting(session.get())) {
                Optional<InboxMessage> claimed = inbox.claimNext(session.get());
                if (claimed.isEmpty()) {
                    return;
                }
                push(claimed.get());
            }
            failureLogged = false;
        } catch (RuntimeException e) {
            // The store is unreachable, say: the messages stay queued and the next check tries again.
            if (!failureLogged) {
                failureLogged = true;
                LOG.warnf("Could not push the owner's messages through the Claude Code channel (retrying): %s",
                        e.getMessage());
            }
        }
    }

    private void push(InboxMessage message) {
        String content = InboxMessage.KIND_DELETE.equals(message.kind) ? WaitTools.REMOVED : text.describe(message);
        boolean sent;
        try {
            sent = channel.push(content, settings.ownerChatId().orElse(0L), message.telegramMessageId,
                    Instant.ofEpochMilli(message.createdAt));
        } catch (RuntimeException e) {
            inbox.release(message.id);
            throw e;
        }
        if (!sent) {
            inbox.release(message.id);
            return;
        }
        LOG.infof("Pushed message %d to Claude Code through the channel", message.id);
    }
}
