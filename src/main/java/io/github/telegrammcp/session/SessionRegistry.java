package io.github.telegrammcp.session;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.store.Store;
import io.github.telegrammcp.store.Tx;

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
    private final Store store;
    private final ExecutorService statusWriter = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "session-status");
        t.setDaemon(true);
        return t;
    });
    private volatile String sessionId;
    private volatile String sessionName;

    @Inject
    public SessionRegistry(Settings settings, Store store) {
        this.settings = settings;
        this.store = store;
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
                String mixed = SessionNames.mixedScripts(candidate);
                if (mixed != null) {
                    LOG.warnf("Session name '%s' mixes %s letters, so it can pass for another name; /sessions marks it."
                            + " Set TELEGRAM_SESSION to a name in one script.", candidate, mixed);
                }
                handOver(id, candidate);
                return;
            }
        }
        throw new IllegalStateException("no free session name for '" + base + "' among 100 candidates");
    }

    private boolean tryInsert(String id, String name) {
        try {
            return store.call(tx -> {
                // Taken when a live session has this name or one that looks the same ("аlpha" with a Cyrillic "а").
                if (tx.list("SELECT live_name FROM agent_session WHERE live_name IS NOT NULL", rs -> rs.getString(1))
                        .stream().anyMatch(live -> SessionNames.lookAlike(live, name))) {
                    return false;
                }
                long now = System.currentTimeMillis();
                tx.update("INSERT INTO agent_session (id, name, live_name, project_dir, host, pid, status, started_at,"
                        + " last_seen, last_activity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, name, name,
                        projectDirectory().toString(), hostName(), ProcessHandle.current().pid(), SessionStatus.RUNNING,
                        now, now, now);
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
            long moved = store.call(tx -> Handover.toNewSession(tx, id, name, projectDirectory().toString()));
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
        store.run(tx -> {
            long now = System.currentTimeMillis();
            tx.update("UPDATE agent_session SET last_seen = ? WHERE id = ?", now, id);
            // Revive the row if another process wrongly declared this session dead and nobody took its name since.
            if (tx.update("UPDATE agent_session SET live_name = name, status = ? WHERE id = ? AND status = ?"
                    + " AND live_name IS NULL AND ended_at IS NULL AND NOT EXISTS (SELECT 1 FROM agent_session o"
                    + " WHERE o.live_name = agent_session.name)", SessionStatus.RUNNING, id, SessionStatus.GONE) == 1) {
                LOG.infof("Session '%s' revived after a missed heartbeat", sessionName);
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
        return store.call(tx -> {
            int stale = tx.update("UPDATE agent_session SET status = ?, live_name = NULL WHERE status <> ? AND last_seen < ?",
                    SessionStatus.GONE, SessionStatus.GONE, cutoff);
            for (AgentSession s : tx.list("SELECT " + AgentSession.COLUMNS + " FROM agent_session WHERE status <> ?"
                    + " AND host = ?", AgentSession::read, SessionStatus.GONE, host)) {
                if (!LocalProcesses.alive(s.pid, s.startedAt)) {
                    stale += tx.update("UPDATE agent_session SET status = ?, live_name = NULL WHERE id = ?"
                            + " AND status <> ?", SessionStatus.GONE, s.id, SessionStatus.GONE);
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
        store.run(tx -> tx.update("UPDATE agent_session SET status = ?, live_name = NULL, ended_at = ?,"
                + " waiting_for = NULL WHERE id = ?", SessionStatus.GONE, System.currentTimeMillis(), id));
        LOG.infof("Session '%s' ended", sessionName);
    }

    /**
     * Records what the session is doing now, in the background and in order: only /sessions shows it, so a wait must
     * not take longer because the store is slow or failing.
     */
    public void setStatusInBackground(SessionStatus status, String waitingFor) {
        statusWriter.execute(() -> {
            try {
                setStatus(status, waitingFor);
            } catch (RuntimeException e) {
                LOG.warnf("Could not record the session status: %s", e.getMessage());
            }
        });
    }

    @PreDestroy
    void stopStatusWriter() {
        // No interrupt: a thread interrupted inside an H2 write closes the database file for every process.
        statusWriter.shutdown();
    }

    /** Records what the session is doing now. */
    public void setStatus(SessionStatus status, String waitingFor) {
        String id = sessionId;
        if (id == null) {
            return;
        }
        store.run(tx -> tx.update("UPDATE agent_session SET status = ?, waiting_for = ?, last_activity = ? WHERE id = ?"
                + " AND status <> ?", status, waitingFor, System.currentTimeMillis(), id, SessionStatus.GONE));
    }

    /** Records activity (a tool call) for /sessions; only shown there, so a store failure is logged, not thrown. */
    public void touch() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        try {
            store.run(tx -> tx.update("UPDATE agent_session SET last_activity = ? WHERE id = ?",
                    System.currentTimeMillis(), id));
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the session's activity: %s", e.getMessage());
        }
    }

    /** Live sessions, oldest first, read in the caller's transaction. */
    public List<AgentSession> liveSessions() {
        return store.current().list("SELECT " + AgentSession.COLUMNS + " FROM agent_session WHERE live_name IS NOT NULL"
                + " AND status <> ? ORDER BY started_at", AgentSession::read, SessionStatus.GONE);
    }

    /** The live session with this name, ignoring case, read in the caller's transaction. */
    public Optional<AgentSession> liveByName(String name) {
        return store.current().first("SELECT " + AgentSession.COLUMNS + " FROM agent_session WHERE LOWER(live_name) = ?",
                AgentSession::read, name.toLowerCase());
    }

    /** As {@link #liveByName}, in a transaction of its own. */
    public Optional<AgentSession> liveByNameInTx(String name) {
        return store.call(tx -> liveByName(name));
    }

    /** Any session, live or gone, by id. */
    public static Optional<AgentSession> find(Tx tx, String id) {
        return tx.first("SELECT " + AgentSession.COLUMNS + " FROM agent_session WHERE id = ?", AgentSession::read, id);
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
