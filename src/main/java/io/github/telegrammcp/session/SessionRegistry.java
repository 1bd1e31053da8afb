package io.github.telegrammcp.session;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Registers this process's session, keeps its heartbeat, marks dead sessions gone, and answers which sessions live.
 * Names are unique among live sessions ({@code app}, {@code app-2}, ...), enforced by a unique index on
 * {@code live_name} so that two processes starting at once cannot take the same name.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);

    /** A session whose heartbeat is older than this is considered dead. */
    public static final long STALE_AFTER_MILLIS = 45_000;

    private final Settings settings;
    private volatile String sessionId;
    private volatile String sessionName;

    @Inject
    public SessionRegistry(Settings settings) {
        this.settings = settings;
    }

    /** Registers this process's session (idempotent). */
    public synchronized void register() {
        if (sessionId != null) {
            return;
        }
        sweepStale();
        String id = UUID.randomUUID().toString();
        String base = settings.sessionName();
        for (int n = 1; n <= 100; n++) {
            String candidate = n == 1 ? base : base + "-" + n;
            if (tryInsert(id, candidate)) {
                sessionId = id;
                sessionName = candidate;
                LOG.infof("Session '%s' registered (project %s)", candidate, projectDirectory());
                handOver(id, candidate);
                return;
            }
        }
        throw new IllegalStateException("no free session name for '" + base + "' among 100 candidates");
    }

    private boolean tryInsert(String id, String name) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (AgentSession.count("liveName", name) > 0) {
                    return false;
                }
                long now = System.currentTimeMillis();
                AgentSession s = new AgentSession();
                s.id = id;
                s.name = name;
                s.liveName = name;
                s.projectDir = projectDirectory().toString();
                s.host = hostName();
                s.pid = ProcessHandle.current().pid();
                s.status = SessionStatus.RUNNING;
                s.startedAt = now;
                s.lastSeen = now;
                s.lastActivity = now;
                s.persistAndFlush();
                return true;
            });
        } catch (RuntimeException e) {
            // Another process took the name between the check and the insert (unique index on live_name).
            LOG.debugf("Name %s taken concurrently: %s", name, e.getMessage());
            return false;
        }
    }

    private void handOver(String id, String name) {
        try {
            long moved = QuarkusTransaction.requiringNew()
                    .call(() -> Handover.toNewSession(id, name, projectDirectory().toString()));
            if (moved > 0) {
                LOG.infof("Took over %d queued message(s) of the previous session '%s' in this directory", moved, name);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not take over the previous session's queued messages: %s", e.getMessage());
        }
    }

    /** Updates the heartbeat; revives the row if another process wrongly declared this session dead. */
    public void heartbeat() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            AgentSession s = AgentSession.findById(id);
            if (s == null) {
                return;
            }
            s.lastSeen = System.currentTimeMillis();
            if (s.status == SessionStatus.GONE && s.liveName == null && s.endedAt == null
                    && AgentSession.count("liveName", s.name) == 0) {
                s.liveName = s.name;
                s.status = SessionStatus.RUNNING;
                LOG.infof("Session '%s' revived after a missed heartbeat", s.name);
            }
        });
        sweepStale();
    }

    /**
     * Marks sessions whose heartbeat stopped as gone, freeing their names; sessions of this host whose process no
     * longer exists are marked gone at once, without waiting for their heartbeat to go stale.
     */
    public int sweepStale() {
        long cutoff = System.currentTimeMillis() - STALE_AFTER_MILLIS;
        String host = hostName();
        return QuarkusTransaction.requiringNew().call(() -> {
            int stale = AgentSession.update("status = ?1, liveName = null where status <> ?1 and lastSeen < ?2",
                    SessionStatus.GONE, cutoff);
            for (AgentSession s : AgentSession.<AgentSession> list("status <> ?1 and host = ?2", SessionStatus.GONE,
                    host)) {
                if (!LocalProcesses.alive(s.pid, s.startedAt)) {
                    s.status = SessionStatus.GONE;
                    s.liveName = null;
                    stale++;
                    LOG.infof("Session '%s' is gone: its process %d has exited", s.name, s.pid);
                }
            }
            return stale;
        });
    }

    /** Marks this session gone (its process is exiting). */
    public void unregister() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> AgentSession.update(
                "status = ?1, liveName = null, endedAt = ?2, waitingFor = null where id = ?3", SessionStatus.GONE,
                System.currentTimeMillis(), id));
        LOG.infof("Session '%s' ended", sessionName);
    }

    /** Records what the session is doing now. */
    public void setStatus(SessionStatus status, String waitingFor) {
        String id = sessionId;
        if (id == null) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> AgentSession.update(
                "status = ?1, waitingFor = ?2, lastActivity = ?3 where id = ?4 and status <> ?5", status, waitingFor,
                System.currentTimeMillis(), id, SessionStatus.GONE));
    }

    /** Records activity (a tool call) for /sessions. */
    public void touch() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        QuarkusTransaction.requiringNew().run(
                () -> AgentSession.update("lastActivity = ?1 where id = ?2", System.currentTimeMillis(), id));
    }

    /** Live sessions, oldest first. Must run inside a transaction or request context. */
    public List<AgentSession> liveSessions() {
        return AgentSession.list("liveName is not null and status <> ?1 order by startedAt", SessionStatus.GONE);
    }

    /** The live session with this name, ignoring case. */
    public Optional<AgentSession> liveByName(String name) {
        return AgentSession.find("lower(liveName) = ?1", name.toLowerCase()).firstResultOptional();
    }

    /** As {@link #liveByName}, in a transaction of its own. */
    public Optional<AgentSession> liveByNameInTx(String name) {
        return QuarkusTransaction.requiringNew().call(() -> liveByName(name));
    }

    /** This process's session id, once registered. */
    public Optional<String> currentId() {
        return Optional.ofNullable(sessionId);
    }

    /** This process's session name, once registered. */
    public String currentName() {
        return sessionName == null ? settings.sessionName() : sessionName;
    }

    /** The project directory: the working directory the client started us in. */
    public Path projectDirectory() {
        return Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    }

    /** Start time of this JVM, epoch millis. */
    public long processStartMillis() {
        return ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
