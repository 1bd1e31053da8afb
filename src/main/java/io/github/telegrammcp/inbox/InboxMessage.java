package io.github.telegrammcp.inbox;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Something the owner sent to one session, queued until a wait of that session hands it over. Every query of
 * {@code inbox_message} is here; callers run them inside their transaction.
 */
@Entity
@Table(name = "inbox_message")
public class InboxMessage extends PanacheEntityBase {

    /** Text typed by the owner (or a button's action). */
    public static final String KIND_TEXT = "text";
    /** The owner removed the session with /delete: the waiting tool tells the assistant to stop. */
    public static final String KIND_DELETE = "delete";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id")
    public String sessionId;

    /** Telegram update that produced it; unique, so a redelivered update is stored once. */
    @Column(name = "update_id")
    public Long updateId;

    @Column(name = "telegram_message_id")
    public Long telegramMessageId;

    public String kind;

    public String body;

    @Column(name = "file_path")
    public String filePath;

    /** Telegram file id of a photo, document or voice note, downloaded when the message is delivered. */
    @Column(name = "telegram_file_id", length = 2048)
    public String telegramFileId;

    @Column(name = "file_name", length = 2048)
    public String fileName;

    @Column(name = "file_size")
    public Long fileSize;

    @Column(name = "created_at")
    public long createdAt;

    @Column(name = "delivered_at")
    public Long deliveredAt;

    /** The oldest message of a session not yet handed over. */
    static Optional<InboxMessage> oldestPending(String sessionId) {
        return find("sessionId = ?1 and deliveredAt is null order by id", sessionId).firstResultOptional();
    }

    /**
     * The oldest message of a session not yet handed over that is a text whose body is one of {@code answers} (given
     * lower case and stripped; the body is compared ignoring case and surrounding spaces), or the notice that the owner
     * removed the session.
     */
    static Optional<InboxMessage> oldestAnswer(String sessionId, List<String> answers) {
        return find("sessionId = ?1 and deliveredAt is null and (kind = ?2 or kind = ?3 and lower(trim(body)) in ?4)"
                + " order by id", sessionId, KIND_DELETE, KIND_TEXT, answers).firstResultOptional();
    }

    /** Marks a message delivered at {@code stamp} unless another claim was faster; true when this one won. */
    static boolean claim(long id, long stamp) {
        return update("deliveredAt = ?1 where id = ?2 and deliveredAt is null", stamp, id) == 1;
    }

    /** The message if it carries exactly this delivery stamp. */
    static Optional<InboxMessage> claimedWith(long id, long stamp) {
        return find("id = ?1 and deliveredAt = ?2", id, stamp).firstResultOptional();
    }

    /** Puts a message back in the queue. */
    static void release(long id) {
        update("deliveredAt = null where id = ?1", id);
    }

    /** A session's undelivered messages, oldest first. */
    static List<InboxMessage> pending(String sessionId) {
        return list("sessionId = ?1 and deliveredAt is null order by id", sessionId);
    }

    /** How many messages of a session wait to be handed over. */
    public static long pendingCount(String sessionId) {
        return count("sessionId = ?1 and deliveredAt is null", sessionId);
    }

    /** The text of the session's latest message, delivered or not. */
    public static Optional<String> lastBody(String sessionId) {
        return getEntityManager().createQuery("select m.body from InboxMessage m where m.sessionId = ?1 order by m.id"
                + " desc", String.class).setParameter(1, sessionId).setMaxResults(1).getResultStream().findFirst();
    }

    /** Records where a message's attachment was saved. */
    static void filePath(long id, String path) {
        update("filePath = ?1 where id = ?2", path, id);
    }

    /** Gives the undelivered messages of gone sessions to their successor; counts them. */
    static int moveQueued(List<String> fromSessionIds, String toSessionId) {
        return fromSessionIds.isEmpty() ? 0
                : update("sessionId = ?1 where sessionId in ?2 and deliveredAt is null", toSessionId, fromSessionIds);
    }
}
