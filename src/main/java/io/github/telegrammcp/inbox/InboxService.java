package io.github.telegrammcp.inbox;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.telegrammcp.bot.Route;
import io.github.telegrammcp.store.Store;
import io.github.telegrammcp.store.Tx;

/** The durable queue of what the owner sent to each session. */
@ApplicationScoped
public class InboxService {

    private static final String SELECT = "SELECT " + InboxMessage.COLUMNS + " FROM inbox_message ";
    private static final String OLDEST_PENDING = SELECT + "WHERE session_id = ? AND delivered_at IS NULL ORDER BY id";

    private final Store store;

    @Inject
    public InboxService(Store store) {
        this.store = store;
    }

    /** Adds a message for a session inside the caller's transaction. */
    public InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String kind, String body,
            String filePath) {
        return enqueue(sessionId, updateId, telegramMessageId, kind, body, filePath, null);
    }

    /** Adds what the owner sent (text and maybe an attachment to download later) inside the caller's transaction. */
    public InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String text,
            Route.Attachment attachment) {
        return enqueue(sessionId, updateId, telegramMessageId,
                attachment == null ? InboxMessage.KIND_TEXT : attachment.kind(), text, null, attachment);
    }

    private InboxMessage enqueue(String sessionId, Long updateId, Long telegramMessageId, String kind, String body,
            String filePath, Route.Attachment attachment) {
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
        m.id = store.current().insert("INSERT INTO inbox_message (session_id, update_id, telegram_message_id, kind,"
                + " body, file_path, telegram_file_id, file_name, file_size, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", m.sessionId, m.updateId, m.telegramMessageId, m.kind,
                m.body, m.filePath, m.telegramFileId, m.fileName, m.fileSize, m.createdAt);
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
    public Optional<InboxMessage> claimNext(String sessionId, List<String> answers, ClaimAttempt attempt) {
        String sql = answers == null ? OLDEST_PENDING : SELECT + "WHERE session_id = ? AND delivered_at IS NULL"
                + " AND (kind = '" + InboxMessage.KIND_DELETE + "' OR kind = '" + InboxMessage.KIND_TEXT
                + "' AND LOWER(TRIM(body)) IN ("
                + "?, ".repeat(answers.size() - 1) + "?)) ORDER BY id";
        Object[] args = new Object[answers == null ? 1 : answers.size() + 1];
        args[0] = sessionId;
        for (int i = 1; i < args.length; i++) {
            args[i] = answers.get(i - 1).strip().toLowerCase(Locale.ROOT);
        }
        return store.call(tx -> {
            Optional<InboxMessage> next = tx.first(sql, InboxMessage::read, args);
            if (next.isEmpty()) {
                return Optional.<InboxMessage> empty();
            }
            InboxMessage m = next.get();
            long stamp = ClaimAttempt.nextStamp();
            int updated = tx.update("UPDATE inbox_message SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL",
                    stamp, m.id);
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
        Optional<InboxMessage> claimed = store.call(tx -> tx.first(SELECT + "WHERE id = ? AND delivered_at = ?",
                InboxMessage::read, attempt.messageId(), attempt.stamp()));
        attempt.clear();
        return claimed;
    }

    /** Puts a claimed message back in the queue (its wait was abandoned before the result went out). */
    public void release(long messageId) {
        store.run(tx -> tx.update("UPDATE inbox_message SET delivered_at = NULL WHERE id = ?", messageId));
    }

    /** Ids and creation times of a session's undelivered messages, oldest first. */
    public List<long[]> pendingIds(String sessionId) {
        return store.call(tx -> tx.list("SELECT id, created_at FROM inbox_message WHERE session_id = ?"
                + " AND delivered_at IS NULL ORDER BY id", rs -> new long[] { rs.getLong(1), rs.getLong(2) },
                sessionId));
    }

    /** The oldest undelivered message of a session, without claiming it. */
    public Optional<InboxMessage> oldestPending(String sessionId) {
        return store.call(tx -> tx.first(OLDEST_PENDING, InboxMessage::read, sessionId));
    }

    /** True when the session has something queued; a cheap check for the wait loop. */
    public boolean hasPending(String sessionId) {
        return pendingCount(sessionId) > 0;
    }

    /** Number of undelivered messages of a session. */
    public long pendingCount(String sessionId) {
        return store.call(tx -> pendingCount(tx, sessionId));
    }

    /** Number of undelivered messages of a session, in the given transaction. */
    public static long pendingCount(Tx tx, String sessionId) {
        return tx.number("SELECT COUNT(*) FROM inbox_message WHERE session_id = ? AND delivered_at IS NULL", sessionId);
    }

    /** Records where a message's attachment was saved. */
    public void setFilePath(long messageId, String path) {
        store.run(tx -> tx.update("UPDATE inbox_message SET file_path = ? WHERE id = ?", path, messageId));
    }
}
