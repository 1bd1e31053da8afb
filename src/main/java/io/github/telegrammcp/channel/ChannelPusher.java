package io.github.telegrammcp.channel;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.mcp.WaitResults;
import io.github.telegrammcp.mcp.WaitTools;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.SessionWakeUp;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Pushes the owner's messages for this process's session into Claude Code while no wait of the session runs
 * ({@code TELEGRAM_CHANNEL=on}). A message is claimed in the inbox before it is pushed, exactly as a wait claims it,
 * so it reaches the session once: through a wait's result or through the channel, never both; a push that cannot be
 * written gives the message back. Pushes when a {@link SessionWakeUp} says a message for the session was committed
 * (by this process or, over loopback, by another one); a check every few seconds catches what no wake-up announces
 * (messages queued before Claude Code listened, or left by a wait that ended without taking them).
 */
@ApplicationScoped
public class ChannelPusher {

    private static final Logger LOG = Logger.getLogger(ChannelPusher.class);

    private final ClaudeChannel channel;
    private final SessionRegistry registry;
    private final InboxService inbox;
    private final WaitService waits;
    private final WaitResults text;
    private final Settings settings;
    private boolean failureLogged;

    public ChannelPusher(ClaudeChannel channel, SessionRegistry registry, InboxService inbox, WaitService waits,
            WaitResults text, Settings settings) {
        this.channel = channel;
        this.registry = registry;
        this.inbox = inbox;
        this.waits = waits;
        this.text = text;
        this.settings = settings;
    }

    /** A message for this session was committed: push it now, off the committing thread. */
    void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionWakeUp wakeUp) {
        if (wakeUp.what() != SessionWakeUp.What.INBOX || !enabled()
                || registry.currentId().filter(wakeUp.sessionId()::equals).isEmpty()) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(this::pushPending);
    }

    /** The safety net: what no wake-up announced. */
    @Scheduled(every = "5s", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (enabled()) {
            pushPending();
        }
    }

    private boolean enabled() {
        return channel.enabled() && settings.usable();
    }

    /** Pushes every message queued for this session, oldest first, unless a wait is there to take them. */
    synchronized void pushPending() {
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
            // The store is unreachable, say: the messages stay queued and the next wake-up or check tries again.
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
