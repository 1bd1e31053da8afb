package io.github.telegrammcp.bot;

import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A command the poller received for a session, executed by the process that owns the session (e.g. /file). Every
 * query of {@code command_request} is here.
 */
@Entity
@Table(name = "command_request")
public class CommandRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id")
    public String sessionId;

    public String command;

    /** As wide as V3 made it: a /file path of 4096 characters in UTF-16 units, with room to spare. */
    @Column(length = 1_000_000)
    public String args;

    @Column(name = "created_at")
    public long createdAt;

    @Column(name = "done_at")
    public Long doneAt;

    /** Stores a request for a session's process. */
    static CommandRequest create(String sessionId, String command, String args, long now) {
        CommandRequest r = new CommandRequest();
        r.sessionId = sessionId;
        r.command = command;
        r.args = args;
        r.createdAt = now;
        r.persist();
        return r;
    }

    /** The oldest request of a session not yet taken. */
    static Optional<CommandRequest> nextPending(String sessionId) {
        return find("sessionId = ?1 and doneAt is null order by id", sessionId).firstResultOptional();
    }

    /** Takes a request (marks it done) unless another worker was faster; true when this one won. */
    static boolean take(long id, long now) {
        return update("doneAt = ?1 where id = ?2 and doneAt is null", now, id) == 1;
    }
}
