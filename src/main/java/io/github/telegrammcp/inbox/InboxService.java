package io.github.telegrammcp.inbox;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.bot.Route;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** The durable queue of what the owner sent to each session. */
@ApplicationScoped
public class InboxService {

    /** Adds a message for a session inside the caller's transaction. */
    public InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String kind, String body,
            String filePath) {
        InboxMessage m = new InboxMessage();
        m.sessionId = sessionId;
        m.updateId = updateId;
        m.telegramMessageId = telegramMessageId;
        m.kind = kind;
        m.body = body;
        m.filePath = filePath;
        m.createdAt = System.currentTimeMillis();
        m.persist();
        return m;
    }

    /** Adds what the owner sent (text and maybe an attachment to download later) inside the caller's transaction. */
    public InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String text,
            Route.Attachment attachment) {
        InboxMessage m = enqueue(sessionId, updateId, telegramMessageId,
                attachment == null ? InboxMessage.KIND_TEXT : attachment.kind(), text, null);
        if (attachment != null) {
            m.telegramFileId = attachment.fileId();
            m.fileName = attachment.fileName();
            m.fileSize = attachment.fileSize();
        }
        return m;
    }

    /**
     * Takes the oldest undelivered message of a session and marks it delivered, atomically: when two waits race, only
     * one gets it.
     */
    public Optional<InboxMessage> claimNext(String sessionId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<InboxMessage> next = InboxMessage
                    .find("sessionId = ?1 and deliveredAt is null order by id", sessionId)
                    .firstResultOptional();
            if (next.isEmpty()) {
                return Optional.<InboxMessage> empty();
            }
            InboxMessage m = next.get();
            long now = System.currentTimeMillis();
            int updated = InboxMessage.update("deliveredAt = ?1 where id = ?2 and deliveredAt is null", now, m.id);
            if (updated == 0) {
                return Optional.<InboxMessage> empty();
            }
            m.deliveredAt = now;
            return Optional.of(m);
        });
    }

    /** Puts a claimed message back in the queue (its wait was abandoned before the result went out). */
    public void release(long messageId) {
        QuarkusTransaction.requiringNew().run(() -> InboxMessage.update("deliveredAt = null where id = ?1", messageId));
    }

    /** True when the session has something queued; a cheap check for the wait loop. */
    public boolean hasPending(String sessionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> InboxMessage.count("sessionId = ?1 and deliveredAt is null", sessionId) > 0);
    }

    /** Number of undelivered messages of a session. */
    public long pendingCount(String sessionId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> InboxMessage.count("sessionId = ?1 and deliveredAt is null", sessionId));
    }
}
