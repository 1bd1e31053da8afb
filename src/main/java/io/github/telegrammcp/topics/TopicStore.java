package io.github.telegrammcp.topics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import io.github.telegrammcp.store.Tx;

/** Every query of the {@code session_topic} table; each runs in the caller's transaction. */
public final class TopicStore {

    private static final String COLUMNS = "id, chat_id, session_name, project_dir, thread_id, state, reason";

    private TopicStore() {
    }

    /** The newest topic of this session name in this directory, if any. */
    public static Optional<SessionTopic> find(Tx tx, long chatId, String sessionName, String projectDir) {
        return tx.first("SELECT " + COLUMNS + " FROM session_topic WHERE chat_id = ? AND session_name = ?"
                + " AND project_dir = ? ORDER BY id DESC", TopicStore::read, chatId, sessionName, projectDir);
    }

    /** The topic with this thread id in the chat, if the bot made it for a session. */
    public static Optional<SessionTopic> byThread(Tx tx, long chatId, long threadId) {
        return tx.first("SELECT " + COLUMNS + " FROM session_topic WHERE chat_id = ? AND thread_id = ? ORDER BY id DESC",
                TopicStore::read, chatId, threadId);
    }

    /** The topic of a session (live or gone) by the session's id: its name and directory lead to it. */
    public static Optional<SessionTopic> forSession(Tx tx, long chatId, String sessionId) {
        return tx.first("SELECT t.id, t.chat_id, t.session_name, t.project_dir, t.thread_id, t.state, t.reason"
                + " FROM session_topic t JOIN agent_session s ON s.name = t.session_name AND s.project_dir ="
                + " t.project_dir WHERE s.id = ? AND t.chat_id = ? ORDER BY t.id DESC", TopicStore::read, sessionId,
                chatId);
    }

    /**
     * The thread of a session's open topic, over a plain connection: for the permission hook, which runs without the
     * server's store. Empty when the session has none (or topics never ran: no table yet).
     */
    public static Optional<Long> openThread(Connection connection, long chatId, String sessionId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT t.thread_id FROM session_topic t"
                + " JOIN agent_session s ON s.name = t.session_name AND s.project_dir = t.project_dir"
                + " WHERE s.id = ? AND t.chat_id = ? AND t.state = ? AND t.thread_id IS NOT NULL ORDER BY t.id DESC")) {
            ps.setString(1, sessionId);
            ps.setLong(2, chatId);
            ps.setString(3, SessionTopic.OPEN);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            if ("42S02".equals(e.getSQLState()) || e.getErrorCode() == 42102) {
                return Optional.empty(); // a store older than topics
            }
            throw e;
        }
    }

    /** Records a new topic (or a refusal, with a null thread id); returns its row id. */
    public static long insert(Tx tx, long chatId, String sessionName, String projectDir, Long threadId, String state,
            String reason) {
        long now = System.currentTimeMillis();
        return tx.insert("INSERT INTO session_topic (chat_id, session_name, project_dir, thread_id, state, reason,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", chatId, sessionName, projectDir, threadId,
                state, reason == null ? null : cut(reason), now, now);
    }

    /**
     * Moves a topic from one state to another; false when it was not in {@code from} any more (another process got
     * there first).
     */
    public static boolean changeState(Tx tx, long id, String from, String to, String reason) {
        return tx.update("UPDATE session_topic SET state = ?, reason = ?, updated_at = ? WHERE id = ? AND state = ?",
                to, reason == null ? null : cut(reason), System.currentTimeMillis(), id, from) == 1;
    }

    private static SessionTopic read(ResultSet rs) throws SQLException {
        return new SessionTopic(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), Tx.longOrNull(rs,
                "thread_id"), rs.getString(6), rs.getString(7));
    }

    private static String cut(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 999) + "…";
    }
}
