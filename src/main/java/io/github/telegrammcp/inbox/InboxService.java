package io.github.telegrammcp.inbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.github.telegrammcp.session.SessionWakeUp;

/**
 * The durable queue of what the owner sent to each session. Storing a message fires a {@link SessionWakeUp}, which
 * wakes the session's waits once the transaction has committed.
 */
@ApplicationScoped
public class InboxService {

    private final Event<SessionWakeUp> wakeUps;

    public InboxService(Event<SessionWakeUp> wakeUps) {
        this.wakeUps = wakeUps;
    }

    /** Adds a message for a session inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String kind, String body,
            String filePath) {
        return enqueue(sessionId, updateId, telegramMessageId, kind, body, filePath, null);
    }

    /** Adds what the owner sent (text and maybe an attachment to download later) inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String text,
            Attachment attachment) {
        return enqueue(sessionId, updateId, telegramMessageId,
                attachment == null ? InboxMessage.KIND_TEXT : attachment.kind(), text, null, attachment);
    }

    private InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String kind, String body,
            String filePath, Attachment attachment) {
        InboxMessage m = new InboxMessage();
        m.sessionId = sessionId;
        m.updateId = updateId;
        m.telegramMessageId = telegramMessageId;
        m.kind = kind;
        m.body = body;
        m.filePath = filePath;
        if (attachment != null) {
            m.telegramFileId = attachment.fileId();
            m.fileName = attachment.fileName();
            m.fileSize = attachment.fileSize();
        }
        m.createdAt = System.currentTimeMillis();
        m.persist();
        wakeUps.fire(SessionWakeUp.inbox(sessionId));
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
        return claimNext(sessionId, null, attempt);
    }

    /**
     * As {@link #claimNext(String, ClaimAttempt)}, taking only a text message whose body is one of {@code answers}
     * (ignoring case and surrounding spaces, as a person types it), or the notice that the owner removed the session
     * (null: any message); the others stay queued.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<InboxMessage> claimNext(String sessionId, List<String> answers, ClaimAttempt attempt) {
        Optional<InboxMessage> next = answers == null ? InboxMessage.oldestPending(sessionId)
                : InboxMessage.oldestAnswer(sessionId, answers.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
                        .toList());
        if (next.isEmpty()) {
            return Optional.empty();
        }
        InboxMessage m = next.get();
        InboxMessage.getEntityManager().detach(m);
        long stamp = ClaimAttempt.nextStamp();
        if (!InboxMessage.claim(m.id, stamp)) {
            return Optional.empty();
        }
        attempt.mark(m.id, stamp);
        m.deliveredAt = stamp;
        return Optional.of(m);
    }

    /**
     * The message of an attempt whose outcome is unknown, if its claim was committed after all; clears the attempt
     * once the answer is known. Throws while the store is still unreachable.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<InboxMessage> recover(ClaimAttempt attempt) {
        if (!attempt.uncertain()) {
            return Optional.empty();
        }
        Optional<InboxMessage> claimed = InboxMessage.claimedWith(attempt.messageId(), attempt.stamp());
        attempt.clear();
        return claimed;
    }

    /**
     * Puts a claimed message back in the queue (its wait was abandoned before the result went out) and, once committed,
     * wakes the session's waits: a wait that started meanwhile takes it at once, not at its next scheduled check.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(long messageId) {
        InboxMessage.release(messageId);
        InboxMessage.<InboxMessage> findByIdOptional(messageId)
                .ifPresent(m -> wakeUps.fire(SessionWakeUp.inbox(m.sessionId)));
    }

    /** Ids and creation times of a session's undelivered messages, oldest first. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<long[]> pendingIds(String sessionId) {
        return InboxMessage.pending(sessionId).stream().map(m -> new long[] { m.id, m.createdAt }).toList();
    }

    /** The oldest undelivered message of a session, without claiming it. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<InboxMessage> oldestPending(String sessionId) {
        return InboxMessage.oldestPending(sessionId);
    }

    /** Number of undelivered messages of a session. */
    @Transactional(TxType.REQUIRES_NEW)
    public long pendingCount(String sessionId) {
        return InboxMessage.pendingCount(sessionId);
    }

    /** Records where a message's attachment was saved. */
    @Transactional(TxType.REQUIRES_NEW)
    public void setFilePath(long messageId, String path) {
        InboxMessage.filePath(messageId, path);
    }

    /** Gives the undelivered messages of gone sessions to their successor, inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public int takeOver(List<String> fromSessionIds, String toSessionId) {
        return InboxMessage.moveQueued(fromSessionIds, toSessionId);
    }
}
