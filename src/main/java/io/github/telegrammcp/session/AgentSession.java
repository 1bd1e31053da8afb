package io.github.telegrammcp.session;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One assistant session: a server process started by an MCP client in a project directory. */
@Entity
@Table(name = "agent_session")
public class AgentSession extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    /** Equal to {@link #name} while the session lives; null once gone, which frees the name. */
    @Column(name = "live_name")
    public String liveName;

    @Column(name = "project_dir")
    public String projectDir;

    public String host;

    public long pid;

    @Enumerated(EnumType.STRING)
    public SessionStatus status;

    /** What the session is waiting for, shown in /sessions. */
    @Column(name = "waiting_for")
    public String waitingFor;

    @Column(name = "started_at")
    public long startedAt;

    /** Heartbeat, epoch millis. */
    @Column(name = "last_seen")
    public long lastSeen;

    /** Last tool call or delivered message, epoch millis. */
    @Column(name = "last_activity")
    public long lastActivity;

    @Column(name = "ended_at")
    public Long endedAt;

    /** True while the session is listed and routable. */
    public boolean live() {
        return liveName != null && status != SessionStatus.GONE;
    }
}
