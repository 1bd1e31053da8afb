package io.github.telegrammcp.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.telegrammcp.store.Tx;

/** Something the owner sent to one session, queued until a wait of that session hands it over. */
public class InboxMessage {

    /** Text typed by the owner (or a button's action). */
    public static final String KIND_TEXT = "text";
    /** The owner removed the session with /delete: the waiting tool tells the assistant to stop. */
    public static final String KIND_DELETE = "delete";

    public Long id;

    public String sessionId;

    /** Telegram update that produced it; unique, so a redelivered update is stored once. */
    public Long updateId;

    public Long telegramMessageId;

    public String kind;

    public String body;

    public String filePath;

    /** Telegram file id of a photo, document or voice note, downloaded when the message is delivered. */
    public String telegramFileId;

    public String fileName;

    public Long fileSize;

    public long createdAt;

    public Long deliveredAt;

    /** The columns {@link #read} expects. */
    public static final String COLUMNS = "id, session_id, update_id, telegram_message_id, kind, body, file_path,"
            + " telegram_file_id, file_name, file_size, created_at, delivered_at";

    /** One row of {@code SELECT COLUMNS FROM inbox_message}. */
    public static InboxMessage read(ResultSet rs) throws SQLException {
        InboxMessage m = new InboxMessage();
        m.id = rs.getLong("id");
        m.sessionId = rs.getString("session_id");
        m.updateId = Tx.longOrNull(rs, "update_id");
        m.telegramMessageId = Tx.longOrNull(rs, "telegram_message_id");
        m.kind = rs.getString("kind");
        m.body = rs.getString("body");
        m.filePath = rs.getString("file_path");
        m.telegramFileId = rs.getString("telegram_file_id");
        m.fileName = rs.getString("file_name");
        m.fileSize = Tx.longOrNull(rs, "file_size");
        m.createdAt = rs.getLong("created_at");
        m.deliveredAt = Tx.longOrNull(rs, "delivered_at");
        return m;
    }
}
