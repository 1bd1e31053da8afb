package io.github.telegrammcp.bot;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A command the poller received for a session, executed by the process that owns the session (e.g. /file). */
@Entity
@Table(name = "command_request")
public class CommandRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "session_id")
    public String sessionId;

    public String command;

    public String args;

    @Column(name = "created_at")
    public long createdAt;

    @Column(name = "done_at")
    public Long doneAt;
}
