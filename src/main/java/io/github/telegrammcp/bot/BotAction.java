package io.github.telegrammcp.bot;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What an inline button does. Telegram limits callback data to 64 bytes, so a button carries only {@code a:<id>};
 * the target session and the text to deliver live here. Buttons of one message share a group: pressing one uses
 * them all. Every query of {@code bot_action} is here.
 */
@Entity
@Table(name = "bot_action")
public class BotAction extends PanacheEntityBase {

    /** A button of the session picker: delivers the owner's message to the chosen session. */
    public static final String PICK = "pick";
    /** A button of telegram_notify_with_actions: sends its action to the session that made it. */
    public static final String CHOICE = "choice";
    /** An answer button of telegram_ask: sends the option's text to the session that asked. */
    public static final String ASK = "ask";

    @Id
    public String id;

    @Column(name = "group_id")
    public String groupId;

    @Column(name = "session_id")
    public String sessionId;

    public String kind;

    public String label;

    /** Text delivered to the session when pressed. */
    public String payload;

    /** For picker buttons: text, photo, document or voice. */
    @Column(name = "payload_kind")
    public String payloadKind;

    @Column(name = "file_id", length = 2048)
    public String fileId;

    @Column(name = "file_name", length = 2048)
    public String fileName;

    @Column(name = "file_size")
    public Long fileSize;

    @Column(name = "chat_id")
    public Long chatId;

    @Column(name = "message_id")
    public Long messageId;

    /** The HTML of the message carrying the buttons, to keep it when the choice is shown. */
    @Column(name = "message_html")
    public String messageHtml;

    @Column(name = "created_at")
    public long createdAt;

    @Column(name = "used_at")
    public Long usedAt;

    /** A button by its id (the callback data without {@code a:}). */
    static Optional<BotAction> byId(String id) {
        return findByIdOptional(id);
    }

    /** Marks every button of a group used, unless one was pressed before; true when this press counts. */
    static boolean useGroup(String groupId, long now) {
        return update("usedAt = ?1 where groupId = ?2 and usedAt is null", now, groupId) > 0;
    }

    /** Buttons of gone sessions not pressed yet now act for their successor; counts them. */
    static int reassignUnused(List<String> fromSessionIds, String toSessionId) {
        return fromSessionIds.isEmpty() ? 0
                : update("sessionId = ?1 where sessionId in ?2 and usedAt is null", toSessionId, fromSessionIds);
    }

    /** Records which message carries a group's buttons. */
    static void attachMessage(String groupId, long chatId, long messageId, String html) {
        update("chatId = ?1, messageId = ?2, messageHtml = ?3 where groupId = ?4", chatId, messageId, html, groupId);
    }
}
