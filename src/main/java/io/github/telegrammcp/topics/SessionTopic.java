package io.github.telegrammcp.topics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The topic of a session name in a project directory in the owner's chat, as stored in {@code session_topic}.
 * {@code threadId} is null when Telegram never made one; {@code state} is {@link #OPEN}, {@link #CLOSED} or
 * {@link #REFUSED}. Every query of the table is here: the server's run in the caller's transaction; the permission
 * hook, which runs without the server, reads the open thread over its plain connection ({@link #openThread}).
 */
@Entity
@Table(name = "session_topic")
public class SessionTopic extends PanacheEntityBase {

    /** The session posts here. */
    public static final String OPEN = "open";
    /** Closed by /delete; reopened when the session comes back. */
    public static final String CLOSED = "closed";
    /** Telegram would not make it or post in it: the session writes in the main chat. */
    public static final String REFUSED = "refused";

    private static final int REASON_CHARS = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "chat_id")
    public long chatId;

    @Column(name = "session_name")
    public String sessionName;

    @Column(name = "project_dir")
    public String projectDir;

    @Column(name = "thread_id")
    public Long threadId;

    public String state;

    public String reason;

    @Column(name = "created_at")
    public long createdAt;

    @Column(name = "updated_at")
    public long updatedAt;

    /** True when the session's messages go into this topic. */
    public boolean usable() {
        return OPEN.equals(state) && threadId != null;
    }

    /** The newest topic of this session name in this directory, if any. */
    static Optional<SessionTopic> latest(long chatId, String sessionName, String projectDir) {
        return find("chatId = ?1 and sessionName = ?2 and projectDir = ?3 order by id desc", chatId, sessionName,
                projectDir).<SessionTopic> firstResultOptional();
    }

    /** The topic with this thread id in the chat, if the bot made it for a session. */
    public static Optional<SessionTopic> byThread(long chatId, long threadId) {
        return find("chatId = ?1 and threadId = ?2 order by id desc", chatId, threadId)
                .<SessionTopic> firstResultOptional();
    }

    /** The topic of a session (live or gone) by the session's id: its name and directory lead to it. */
    static Optional<SessionTopic> forSession(long chatId, String sessionId) {
        return getEntityManager().createQuery("select t from SessionTopic t, AgentSession s where s.id = ?1"
                + " and s.name = t.sessionName and s.projectDir = t.projectDir and t.chatId = ?2 order by t.id desc",
                SessionTopic.class).setParameter(1, sessionId).setParameter(2, chatId).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** Records a new topic (or a refusal, with a null thread id); returns its row id. */
    static long record(long chatId, String sessionName, String projectDir, Long threadId, String state,
            String reason) {
        SessionTopic t = new SessionTopic();
        t.chatId = chatId;
        t.sessionName = sessionName;
        t.projectDir = projectDir;
        t.threadId = threadId;
        t.state = state;
        t.reason = cut(reason);
        t.createdAt = System.currentTimeMillis();
        t.updatedAt = t.createdAt;
        t.persistAndFlush();
        return t.id;
    }

    /**
     * Moves a topic from one state to another; false when it was not in {@code from} any more (another process got
     * there first).
     */
    static boolean changeState(long id, String from, String to, String reason) {
        return update("state = ?1, reason = ?2, updatedAt = ?3 where id = ?4 and state = ?5", to, cut(reason),
                System.currentTimeMillis(), id, from) == 1;
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
            ps.setString(3, OPEN);
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

    private static String cut(String text) {
        return text == null || text.length() <= REASON_CHARS ? text : text.substring(0, REASON_CHARS - 1) + "…";
    }
}
