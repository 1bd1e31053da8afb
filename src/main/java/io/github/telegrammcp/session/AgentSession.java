package io.github.telegrammcp.session;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.telegrammcp.store.Tx;

/** One assistant session: a server process started by an MCP client in a project directory. */
public class AgentSession {

    public String id;

    public String name;

    /** Equal to {@link #name} while the session lives; null once gone, which frees the name. */
    public String liveName;

    public String projectDir;

    public String host;

    public long pid;

    public SessionStatus status;

    /** What the session is waiting for, shown in /sessions. */
    public String waitingFor;

    public long startedAt;

    /** Heartbeat, epoch millis. */
    public long lastSeen;

    /** Last tool call or delivered message, epoch millis. */
    public long lastActivity;

    public Long endedAt;

    /** True while the session is listed and routable. */
    public boolean live() {
        return liveName != null && status != SessionStatus.GONE;
    }

    /** The columns {@link #read} expects. */
    public static final String COLUMNS = "id, name, live_name, project_dir, host, pid, status, waiting_for, started_at,"
            + " last_seen, last_activity, ended_at";

    /** One row of {@code SELECT COLUMNS FROM agent_session}. */
    public static AgentSession read(ResultSet rs) throws SQLException {
        AgentSession s = new AgentSession();
        s.id = rs.getString("id");
        s.name = rs.getString("name");
        s.liveName = rs.getString("live_name");
        s.projectDir = rs.getString("project_dir");
        s.host = rs.getString("host");
        s.pid = rs.getLong("pid");
        s.status = SessionStatus.valueOf(rs.getString("status"));
        s.waitingFor = rs.getString("waiting_for");
        s.startedAt = rs.getLong("started_at");
        s.lastSeen = rs.getLong("last_seen");
        s.lastActivity = rs.getLong("last_activity");
        s.endedAt = Tx.longOrNull(rs, "ended_at");
        return s;
    }
}
