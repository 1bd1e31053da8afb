package io.github.telegrammcp.session;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One assistant session: a server process started by an MCP client in a project directory. Every query of
 * {@code agent_session} is here; callers run them inside their transaction.
 */
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

    /** Where the session's process listens for wake-ups ({@code host:port}), or null (older releases). */
    @Column(name = "wake_address")
    public String wakeAddress;

    /** True while the session is listed and routable. */
    public boolean live() {
        return liveName != null && status != SessionStatus.GONE;
    }

    /** Live sessions, oldest first. */
    public static List<AgentSession> liveOnes() {
        return list("liveName is not null and status <> ?1 order by startedAt", SessionStatus.GONE);
    }

    /** The live session with this name, ignoring case. */
    public static Optional<AgentSession> liveByName(String name) {
        return find("lower(liveName) = ?1", name.toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }

    /** Any session, live or gone. */
    public static Optional<AgentSession> byId(String id) {
        return findByIdOptional(id);
    }

    /** True when a live session has this name, or one that looks the same ({@link SessionNames#lookAlike}). */
    static boolean nameTaken(String name) {
        // Taken when a live session has this name or one that looks the same ("аlpha" with a Cyrillic "а").
        List<String> live = getEntityManager().createQuery("select s.liveName from AgentSession s"
                + " where s.liveName is not null", String.class).getResultList();
        return live.stream().anyMatch(other -> SessionNames.lookAlike(other, name));
    }

    /** The name of any session, live or gone. */
    static Optional<String> nameOf(String id) {
        return scalar("select s.name from AgentSession s where s.id = ?1", id);
    }

    /** Where the session's process takes wake-ups, if it said. */
    static Optional<String> wakeAddressOf(String id) {
        return scalar("select s.wakeAddress from AgentSession s where s.id = ?1", id);
    }

    /** Gone sessions with this name in this project directory, other than {@code exceptId}: a new one's predecessors. */
    static List<String> goneNamesakes(String name, String projectDir, String exceptId) {
        return getEntityManager().createQuery("select s.id from AgentSession s where s.name = ?1 and s.projectDir = ?2"
                + " and s.status = ?3 and s.id <> ?4", String.class).setParameter(1, name).setParameter(2, projectDir)
                .setParameter(3, SessionStatus.GONE).setParameter(4, exceptId).getResultList();
    }

    /** Sessions of a host that are not marked gone. */
    static List<AgentSession> notGoneOn(String host) {
        return list("status <> ?1 and host = ?2", SessionStatus.GONE, host);
    }

    /** Records a heartbeat. */
    static void beat(String id, long now) {
        update("lastSeen = ?1 where id = ?2", now, id);
    }

    /**
     * Makes a session live again if another process wrongly declared it dead and nobody has taken its name since;
     * true when it did.
     */
    static boolean revive(String id) {
        return change("update AgentSession s set s.liveName = s.name, s.status = ?1 where s.id = ?2 and s.status = ?3"
                + " and s.liveName is null and s.endedAt is null and not exists (select 1 from AgentSession o"
                + " where o.liveName = s.name)", SessionStatus.RUNNING, id, SessionStatus.GONE) == 1;
    }

    /** Marks every session whose heartbeat is older than {@code cutoff} gone; counts them. */
    static int goneIfSilentSince(long cutoff) {
        return change("update AgentSession s set s.status = ?1, s.liveName = null where s.status <> ?1"
                + " and s.lastSeen < ?2", SessionStatus.GONE, cutoff);
    }

    /** Marks one session gone without ending it (its process died); true when it was not gone yet. */
    static boolean markGone(String id) {
        return change("update AgentSession s set s.status = ?1, s.liveName = null where s.id = ?2 and s.status <> ?1",
                SessionStatus.GONE, id) == 1;
    }

    /** Ends a session: gone, its name free, no longer waiting (its process exits, or the owner removed it). */
    public static void end(String id, long now) {
        change("update AgentSession s set s.status = ?1, s.liveName = null, s.endedAt = ?2, s.waitingFor = null"
                + " where s.id = ?3", SessionStatus.GONE, now, id);
    }

    /** Records what a live session is doing. */
    static void status(String id, SessionStatus status, String waitingFor, long now) {
        update("status = ?1, waitingFor = ?2, lastActivity = ?3 where id = ?4 and status <> ?5", status, waitingFor,
                now, id, SessionStatus.GONE);
    }

    /** Records activity (a tool call). */
    static void touch(String id, long now) {
        update("lastActivity = ?1 where id = ?2", now, id);
    }

    private static Optional<String> scalar(String query, String id) {
        return getEntityManager().createQuery(query, String.class).setParameter(1, id).getResultStream()
                .filter(java.util.Objects::nonNull).findFirst();
    }

    /** An update; entities read earlier in the transaction are forgotten, so later reads see the change. */
    private static int change(String query, Object... params) {
        var update = getEntityManager().createQuery(query);
        for (int i = 0; i < params.length; i++) {
            update.setParameter(i + 1, params[i]);
        }
        int changed = update.executeUpdate();
        getEntityManager().clear();
        return changed;
    }
}
