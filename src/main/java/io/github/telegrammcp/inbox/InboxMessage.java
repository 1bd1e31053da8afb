package io.github.telegrammcp.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Something the owner sent to one session, queued until a wait of that session hands it over. */
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
    @Column(name = "telegram_file_id")
    public String telegramFileId;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "file_size")
    public Long fileSize;

    @Column(name = "created_at")
    public long createdAt;

    @Column(name = "delivered_at")
    public Long deliveredAt;
}
