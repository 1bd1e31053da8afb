package io.github.telegrammcp.approval;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every query of {@code approval_request}, over plain JDBC so that the permission hook, a short-lived process that does
 * not start the server, shares them with the server. Each method runs in the transaction of the connection it is given
 * (or on its own with auto-commit); a verdict is set once, by a conditional update.
 */
public final class ApprovalRecords {

    /** Rows older than this are deleted when a new prompt is stored. */
    static final long KEEP_MILLIS = 30L * 24 * 3600 * 1000;

    private static final String COLUMNS = "id, origin, session_id, session_name, grant_key, tool_name, input_digest,"
            + " full_input, input_language, input_chars, host, pid, chat_id, message_id, message_html, created_at,"
            + " expires_at, verdict, decided_at, decided_by";

    private ApprovalRecords() {
    }

    /**
     * One stored prompt.
     *
     * @param id the short id in the buttons' data
     * @param origin {@link ApprovalRequest.Origin#code()}
     * @param sessionId this server's session id, or null
     * @param sessionName the session's name as shown
     * @param grantKey what "this session" means for remembered grants, or null
     * @param toolName the tool
     * @param inputDigest {@link #digest(String, JsonNode)} of the request
     * @param fullInput the whole (masked) input for "See more"
     * @param inputLanguage its code-block language, or null
     * @param inputChars the input's length before it was cut
     * @param host the host of the process that waits for the answer
     * @param pid that process's id
     * @param chatId the chat of the prompt's message, once sent
     * @param messageId the prompt's message, once sent
     * @param messageHtml the prompt's HTML, to show the outcome below it
     * @param createdAt epoch millis
     * @param expiresAt when the one who asked stops waiting (epoch millis)
     * @param verdict {@link Verdict#code()}, null while nobody decided
     * @param decidedAt epoch millis, or null
     * @param decidedBy the Telegram user id that pressed, or null
     */
    public record Row(String id, String origin, String sessionId, String sessionName, String grantKey, String toolName,
            String inputDigest, String fullInput, String inputLanguage, int inputChars, String host, long pid,
            Long chatId, Long messageId, String messageHtml, long createdAt, long expiresAt, String verdict,
            Long decidedAt, Long decidedBy) {

        /** The verdict, if decided. */
        public Optional<Verdict> decided() {
            return verdict == null ? Optional.empty() : Verdict.ofCode(verdict);
        }
    }

    /** Stores a new prompt (and forgets prompts older than 30 days). */
    public static void insert(Connection c, Row row) throws SQLException {
        update(c, "DELETE FROM approval_request WHERE created_at < ?", row.createdAt() - KEEP_MILLIS);
        update(c, "INSERT INTO approval_request (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)", row.id(), row.origin(), row.sessionId(), row.sessionName(), row.grantKey(),
                row.toolName(), row.inputDigest(), row.fullInput(), row.inputLanguage(), row.inputChars(), row.host(),
                row.pid(), row.chatId(), row.messageId(), row.messageHtml(), row.createdAt(), row.expiresAt(),
                row.verdict(), row.decidedAt(), row.decidedBy());
    }

    /** Records the message that carries the prompt's buttons. */
    public static void attachMessage(Connection c, String id, long chatId, long messageId, String html)
            throws SQLException {
        update(c, "UPDATE approval_request SET chat_id = ?, message_id = ?, message_html = ? WHERE id = ?", chatId,
                messageId, html, id);
    }

    /** A prompt by id. */
    public static Optional<Row> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM approval_request WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Sets the verdict unless one was set before; true when this call decided. */
    public static boolean decide(Connection c, String id, Verdict verdict, long now, Long byUser) throws SQLException {
        return update(c, "UPDATE approval_request SET verdict = ?, decided_at = ?, decided_by = ? WHERE id = ?"
                + " AND verdict IS NULL", verdict.code(), now, byUser, id) == 1;
    }

    /** The verdict of a prompt; empty while nobody decided (or when the row is gone). */
    public static Optional<Verdict> verdict(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT verdict FROM approval_request WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? Verdict.ofCode(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** True when the owner allowed exactly this request for this session before. */
    public static boolean allowedForSession(Connection c, String grantKey, String toolName, String inputDigest)
            throws SQLException {
        if (grantKey == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM approval_request WHERE grant_key = ?"
                + " AND tool_name = ? AND input_digest = ? AND verdict = ?")) {
            ps.setString(1, grantKey);
            ps.setString(2, toolName);
            ps.setString(3, inputDigest);
            ps.setString(4, Verdict.ALLOW_SESSION.code());
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Identifies a request: the tool and its input exactly as the client sent them. */
    public static String digest(String toolName, JsonNode input) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(toolName).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(String.valueOf(input).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getString("id"), rs.getString("origin"), rs.getString("session_id"),
                rs.getString("session_name"), rs.getString("grant_key"), rs.getString("tool_name"),
                rs.getString("input_digest"), rs.getString("full_input"), rs.getString("input_language"),
                rs.getInt("input_chars"), rs.getString("host"), rs.getLong("pid"), longOrNull(rs, "chat_id"),
                longOrNull(rs, "message_id"), rs.getString("message_html"), rs.getLong("created_at"),
                rs.getLong("expires_at"), rs.getString("verdict"), longOrNull(rs, "decided_at"),
                longOrNull(rs, "decided_by"));
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        }
    }
}
