package io.github.telegrammcp.outgoing;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A message the bot sent for a session; a reply to it is routed back to that session. Every query of
 * {@code sent_message} is here.
 */
@Entity
@Table(name = "sent_message")
@IdClass(SentMessage.Key.class)
public class SentMessage extends PanacheEntityBase {

    @Id
    @Column(name = "chat_id")
    public long chatId;

    @Id
    @Column(name = "message_id")
    public long messageId;

    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "created_at")
    public long createdAt;

    /** The session a bot message was sent for, if the bot recorded it. */
    public static Optional<String> sessionFor(long chatId, long messageId) {
        return getEntityManager().createQuery("select m.sessionId from SentMessage m where m.chatId = ?1"
                + " and m.messageId = ?2", String.class).setParameter(1, chatId).setParameter(2, messageId)
                .getResultStream().findFirst();
    }

    /** Records a message sent for a session. */
    static void record(long chatId, long messageId, String sessionId, long now) {
        SentMessage m = new SentMessage();
        m.chatId = chatId;
        m.messageId = messageId;
        m.sessionId = sessionId;
        m.createdAt = now;
        m.persist();
    }

    /** Routes replies to the messages of gone sessions to their successor. */
    static int reassign(List<String> fromSessionIds, String toSessionId) {
        return fromSessionIds.isEmpty() ? 0
                : update("sessionId = ?1 where sessionId in ?2", toSessionId, fromSessionIds);
    }

    /** Composite key (chat, message). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public long chatId;
        public long messageId;

        public Key() {
        }

        public Key(long chatId, long messageId) {
            this.chatId = chatId;
            this.messageId = messageId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.chatId == chatId && k.messageId == messageId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(chatId, messageId);
        }
    }
}
