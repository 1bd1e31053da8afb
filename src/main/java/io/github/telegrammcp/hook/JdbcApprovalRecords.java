package io.github.telegrammcp.hook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

import io.github.telegrammcp.approval.ApprovalRecord;
import io.github.telegrammcp.approval.ApprovalRecords;
import io.github.telegrammcp.approval.Verdict;
import io.github.telegrammcp.store.StoreException;

/**
 * The queries of {@link ApprovalRecord} over plain JDBC, for the permission hook: a short-lived process that does not
 * start the server (no Hibernate, no pool), with one connection in auto-commit. Same statements, same conditional
 * update for the verdict; a failed statement throws {@link StoreException}.
 */
public final class JdbcApprovalRecords implements ApprovalRecords {

    private static final String COLUMNS = "id, origin, session_id, session_name, grant_key, tool_name, input_digest,"
            + " full_input, input_language, input_chars, host, pid, chat_id, message_id, message_html, created_at,"
            + " expires_at, verdict, decided_at, decided_by";

    private final Connection c;

    public JdbcApprovalRecords(Connection connection) {
        this.c = connection;
    }

    @Override
    public void insert(Row row) {
        update("DELETE FROM approval_request WHERE created_at < ?", row.createdAt() - KEEP_MILLIS);
        update("INSERT INTO approval_request (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?)", row.id(), row.origin(), row.sessionId(), row.sessionName(), row.grantKey(),
                row.toolName(), row.inputDigest(), row.fullInput(), row.inputLanguage(), row.inputChars(), row.host(),
                row.pid(), row.chatId(), row.messageId(), row.messageHtml(), row.createdAt(), row.expiresAt(),
                row.verdict(), row.decidedAt(), row.decidedBy());
    }

    @Override
    public void attachMessage(String id, long chatId, long messageId, String html) {
        update("UPDATE approval_request SET chat_id = ?, message_id = ?, message_html = ? WHERE id = ?", chatId,
                messageId, html, id);
    }

    @Override
    public Optional<Row> find(String id) {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM approval_request WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean decide(String id, Verdict verdict, long now, Long byUser) {
        return update("UPDATE approval_request SET verdict = ?, decided_at = ?, decided_by = ? WHERE id = ?"
                + " AND verdict IS NULL", verdict.code(), now, byUser, id) == 1;
    }

    @Override
    public Optional<Verdict> verdict(String id) {
        try (PreparedStatement ps = c.prepareStatement("SELECT verdict FROM approval_request WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? Verdict.ofCode(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    @Override
    public boolean allowedForSession(String grantKey, String toolName, String inputDigest) {
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
        } catch (SQLException e) {
            throw failed(e);
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

    private int update(String sql, Object... args) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static StoreException failed(SQLException e) {
        return new StoreException("a permission prompt could not be stored or read: " + e.getMessage(), e);
    }
}
