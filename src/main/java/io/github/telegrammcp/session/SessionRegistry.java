package io.github.telegrammcp.session;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.config.Settings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Registers this process's session, keeps its heartbeat, marks dead sessions gone, and answers which sessions live.
 * Names are unique among live sessions ({@code app}, {@code app-2}, ...), enforced by a unique index on
 * {@code live_name} so that two processes starting at once cannot take the same name; a name that looks like a live
 * one ({@link SessionNames}) counts as taken too.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);

    /** A session whose heartbeat is older than this is considered dead. */
    public static final long STALE_AFTER_MILLIS = 45_000;

    private final Settings settings;
    private final String host = ThisHost.name();
    private final AtomicLong statusSeq = new AtomicLong();
    private volatile String sessionId;
    private volatile String sessionName;

    public SessionRegistry(Settings settings) {
        this.settings = settings;
    }

    /** A new session's row, and the gone sessions it succeeds (same name, same project directory). */
    public record Registration(String sessionId, String name, List<String> predecessors) {
    }

    /**
     * Registers this process's session, with the loopback address where it takes wake-ups (may be null). Returns
     * empty when it was registered before.
     */
    public synchronized Optional<Registration> register(String wakeAddress) {
        if (sessionId != null) {
            return Optional.empty();
        }
        sweepStale();
        String id = UUID.randomUUID().toString();
        String base = settings.sessionName();
        for (int n = 1; n <= 100; n++) {
            String candidate = n == 1 ? base : base + "-" + n;
            if (tryInsert(id, candidate, wakeAddress)) {
                sessionId = id;
                sessionName = candidate;
                LOG.infof("Session '%s' registered (project %s)", candidate, projectDirectory());
                String mixed = SessionNames.mixedScripts(candidate);
                if (mixed != null) {
                    LOG.warnf("Session name '%s' mixes %s letters, so it can pass for another name; /sessions marks it."
                            + " Set TELEGRAM_SESSION to a name in one script.", candidate, mixed);
                }
                return Optional.of(new Registration(id, candidate, predecessors(id, candidate)));
            }
        }
        throw new IllegalStateException("no free session name for '" + base + "' among 100 candidates");
    }

    private List<String> predecessors(String id, String name) {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(() -> AgentSession.goneNamesakes(name, projectDirectory().toString(), id));
        } catch (RuntimeException e) {
            LOG.warnf("Could not look for the previous session's queued messages: %s", e.getMessage());
            return List.of();
        }
    }

    private boolean tryInsert(String id, String name, String wakeAddress) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (AgentSession.nameTaken(name)) {
                    return false;
                }
                long now = System.currentTimeMillis();
                AgentSession s = new AgentSession();
                s.id = id;
                s.name = name;
                s.liveName = name;
                s.projectDir = projectDirectory().toString();
                s.host = host;
                s.pid = ProcessHandle.current().pid();
                s.status = SessionStatus.RUNNING;
                s.startedAt = now;
                s.lastSeen = now;
                s.lastActivity = now;
                s.wakeAddress = wakeAddress;
                s.persistAndFlush();
                return true;
            });
        } catch (RuntimeException e) {
            // Another process took the name between the check and the insert (unique index on live_name).
            LOG.debugf("Name %s taken concurrently: %s", name, e.getMessage());
            return false;
        }
    }

    /** Every 10 s, once registered: the heartbeat that tells the other processes this session lives. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void beat() {
        try {
            heartbeat();
        } catch (RuntimeException e) {
            LOG.warnf("Heartbeat failed (will retry): %s", e.getMessage());
        }
    }

    /** Updates the heartbeat; revives the row if another process wrongly declared this session dead. */
    public void heartbeat() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        // One transaction for the beat and the sweep: every transaction borrows (and validates) a connection and
        // commits, over TCP for a process that does not host the database; this runs every 10 s in every process.
        QuarkusTransaction.requiringNew().run(() -> {
            AgentSession.beat(id, System.currentTimeMillis());
            if (AgentSession.revive(id)) {
                LOG.infof("Session '%s' revived after a missed heartbeat", sessionName);
            }
            sweep();
        });
    }

    /**
     * Marks sessions whose heartbeat stopped as gone, freeing their names; sessions of this host whose process no
     * longer exists are marked gone at once, without waiting for their heartbeat to go stale.
     */
    public int sweepStale() {
        return QuarkusTransaction.requiringNew().call(this::sweep);
    }

    private int sweep() {
        long cutoff = System.currentTimeMillis() - STALE_AFTER_MILLIS;
        int stale = AgentSession.goneIfSilentSince(cutoff);
        for (AgentSession s : AgentSession.notGoneOn(host)) {
            if (!ThisHost.alive(s.pid, s.startedAt) && AgentSession.markGone(s.id)) {
                stale++;
                LOG.infof("Session '%s' is gone: its process %d has exited", s.name, s.pid);
            }
        }
        return stale;
    }

    /** Marks this session gone (its process is exiting). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unregister() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        AgentSession.end(id, System.currentTimeMillis());
        LOG.infof("Session '%s' ended", sessionName);
    }

    /**
     * Records what the session is doing, for /sessions, on a worker thread: a tool result never waits for it, and of
     * several calls in flight the latest wins. A failure is logged (the database host may be changing).
     */
    public void showStatus(SessionStatus status, String waitingFor) {
        long seq = statusSeq.incrementAndGet();
        Uni.createFrom().voidItem().invoke(() -> {
            synchronized (statusSeq) {
                if (seq == statusSeq.get()) {
                    setStatus(status, waitingFor);
                }
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(done -> {
        }, e -> LOG.warnf("Could not record the session status: %s", e.getMessage()));
    }

    /** Records what the session is doing now. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void setStatus(SessionStatus status, String waitingFor) {
        String id = sessionId;
        if (id != null) {
            AgentSession.status(id, status, waitingFor, System.currentTimeMillis());
        }
    }

    /** Records activity (a tool call) for /sessions; only shown there, so a store failure is logged, not thrown. */
    public void touch() {
        try {
            touchNow();
        } catch (RuntimeException e) {
            LOG.warnf("Could not record the session's activity: %s", e.getMessage());
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void touchNow() {
        String id = sessionId;
        if (id != null) {
            AgentSession.touch(id, System.currentTimeMillis());
        }
    }

    /** The name of any session, live or gone, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> nameOf(String id) {
        return AgentSession.nameOf(id);
    }

    /** The live session with this name, ignoring case, in a transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<AgentSession> liveByName(String name) {
        return AgentSession.liveByName(name);
    }

    /** Where a session's process takes wake-ups, if it said (sessions of older releases do not). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<String> wakeAddressOf(String id) {
        return AgentSession.wakeAddressOf(id);
    }

    /** Wake-up addresses of the live sessions other than this one. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> otherWakeAddresses() {
        return AgentSession.liveOnes().stream().filter(s -> !s.id.equals(sessionId) && s.wakeAddress != null)
                .map(s -> s.wakeAddress).toList();
    }

    /** True for this process's own session. */
    public boolean isCurrent(String id) {
        return id != null && id.equals(sessionId);
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

    /** The host this process's session is recorded under ({@link ThisHost#name()}). */
    public String host() {
        return host;
    }
}
