package io.github.telegrammcp.bot;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.telegrammcp.store.Tx;

/**
 * What an inline button does. Telegram limits callback data to 64 bytes, so a button carries only {@code a:<id>};
 * the target session and the text to deliver live here. Buttons of one message share a group: pressing one uses
 * them all.
 */
public class BotAction {

    /** A button of the session picker: delivers the owner's message to the chosen session. */
    public static final String PICK = "pick";
    /** A button of telegram_notify_with_actions: sends its action to the session that made it. */
    public static final String CHOICE = "choice";
    /** An answer button of telegram_ask: sends the option's text to the session that asked. */
    public static final String ASK = "ask";

    public String id;

    public String groupId;

    public String sessionId;

    public String kind;

    public String label;

    /** Text delivered to the session when pressed. */
    public String payload;

    /** For picker buttons: text, photo, document or voice. */
    public String payloadKind;

    public String fileId;

    public String fileName;

    public Long fileSize;

    public Long chatId;

    public Long messageId;

    /** The HTML of the message carrying the buttons, to keep it when the choice is shown. */
    public String messageHtml;

    public long createdAt;

    public Long usedAt;

    /** One row of {@code SELECT * FROM bot_action}. */
    public static BotAction read(ResultSet rs) throws SQLException {
        BotAction a = new BotAction();
        a.id = rs.getString("id");
        a.groupId = rs.getString("group_id");
        a.sessionId = rs.getString("session_id");
        a.kind = rs.getString("kind");
        a.label = rs.getString("label");
        a.payload = rs.getString("payload");
        a.payloadKind = rs.getString("payload_kind");
        a.fileId = rs.getString("file_id");
        a.fileName = rs.getString("file_name");
        a.fileSize = Tx.longOrNull(rs, "file_size");
        a.chatId = Tx.longOrNull(rs, "chat_id");
        a.messageId = Tx.longOrNull(rs, "message_id");
        a.messageHtml = rs.getString("message_html");
        a.createdAt = rs.getLong("created_at");
        a.usedAt = Tx.longOrNull(rs, "used_at");
        return a;
    }
}
