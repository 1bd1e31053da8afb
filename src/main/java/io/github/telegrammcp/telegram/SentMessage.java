package io.github.telegrammcp.telegram;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A message the bot sent for a session; a reply to it is routed back to that session. */
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

    /** Composite key (chat, message). */
    public static class Key implements Serializable {
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
