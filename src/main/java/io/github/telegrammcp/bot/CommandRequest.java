package io.github.telegrammcp.bot;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.telegrammcp.store.Tx;

/** A command the poller received for a session, executed by the process that owns the session (e.g. /file). */
public class CommandRequest {

    public Long id;

    public String sessionId;

    public String command;

    public String args;

    public long createdAt;

    public Long doneAt;

    /** One row of {@code SELECT * FROM command_request}. */
    public static CommandRequest read(ResultSet rs) throws SQLException {
        CommandRequest r = new CommandRequest();
        r.id = rs.getLong("id");
        r.sessionId = rs.getString("session_id");
        r.command = rs.getString("command");
        r.args = rs.getString("args");
        r.createdAt = rs.getLong("created_at");
        r.doneAt = Tx.longOrNull(rs, "done_at");
        return r;
    }
}
