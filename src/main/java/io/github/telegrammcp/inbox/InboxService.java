package io.github.telegrammcp.inbox;

import java.util.List;
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
        return claimNext(sessionId, new ClaimAttempt());
    }

    /**
     * As {@link #claimNext(String)}, noting in {@code attempt} which row it marked before committing: if the commit
     * fails ambiguously (the database host died), {@link #recover} tells whether the claim went through.
     */
    public Optional<InboxMessage> claimNext(String sessionId, ClaimAttempt attempt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<InboxMessage> next = InboxMessage
                    .find("sessionId = ?1 and deliveredAt is null order by id", sessionId)
                    .firstResultOptional();
            if (next.isEmpty()) {
                return Optional.<InboxMessage> empty();
            }
            InboxMessage m = next.get();
            long stamp = ClaimAttempt.nextStamp();
            int updated = InboxMessage.update("deliveredAt = ?1 where id = ?2 and deliveredAt is null", stamp, m.id);
            if (updated == 0) {
                return Optional.<InboxMessage> empty();
            }
            attempt.mark(m.id, stamp);
            m.deliveredAt = stamp;
            return Optional.of(m);
        });
    }

    /**
     * The message of an attempt whose outcome is unknown, if its claim was committed after all; clears the attempt
     * once the answer is known. Throws while the store is still unreachable.
     */
    public Optional<InboxMessage> recover(ClaimAttempt attempt) {
        if (!attempt.uncertain()) {
            return Optional.empty();
        }
        Optional<InboxMessage> claimed = QuarkusTransaction.requiringNew().call(() -> InboxMessage
                .find("id = ?1 and deliveredAt = ?2", attempt.messageId(), attempt.stamp()).firstResultOptional());
        attempt.clear();
        return claimed.map(m -> (InboxMessage) m);
    }

    /** Puts a claimed message back in the queue (its wait was abandoned before the result went out). */
    public void release(long messageId) {
        QuarkusTransaction.requiringNew().run(() -> InboxMessage.update("deliveredAt = null where id = ?1", messageId));
    }

    /** Ids and creation times of a session's undelivered messages, oldest first. */
    public List<long[]> pendingIds(String sessionId) {
        return QuarkusTransaction.requiringNew().call(() -> InboxMessage
                .<InboxMessage> list("sessionId = ?1 and deliveredAt is null order by id", sessionId).stream()
                .map(m -> new long[] { m.id, m.createdAt }).toList());
    }

    /** The oldest undelivered message of a session, without claiming it. */
    public Optional<InboxMessage> oldestPending(String sessionId) {
        return QuarkusTransaction.requiringNew().call(() -> InboxMessage
                .find("sessionId = ?1 and deliveredAt is null order by id", sessionId).firstResultOptional()
                .map(m -> (InboxMessage) m));
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
