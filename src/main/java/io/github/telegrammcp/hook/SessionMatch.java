package io.github.telegrammcp.hook;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Which session a permission prompt belongs to, so the owner reads the name the session's own messages carry. The hook
 * runs as a descendant of the client (through a shell), and so does the client's MCP server: the session whose server
 * is a child (or grandchild, through a wrapper script) of the client is the one. The client is CLAUDE_PID when Claude
 * Code says so, else the nearest ancestor the hook (within two levels) shares with a session's server.
 * Failing that: the live session named by TELEGRAM_SESSION, then the only live session in the same project directory;
 * else no session, and the prompt shows the name that session would have (TELEGRAM_SESSION, or the directory's name).
 */
final class SessionMatch {

    /** Live sessions, as the hook reads them (read-only; the session registry owns the table). */
    static final String LIVE_SESSIONS_SQL = "SELECT id, name, project_dir, host, pid, started_at FROM agent_session"
            + " WHERE live_name IS NOT NULL";

    /** How many ancestors of the hook are read. */
    static final int ANCESTORS = 8;
    /** How far above the hook its client may be: the client runs the hook through a shell (index 1), or directly. */
    static final int HOOK_LEVELS = 2;
    /** How far above a session's server its client may be: its parent, or a wrapper script's parent. */
    static final int SERVER_LEVELS = 2;

    /** A live session as the hook sees it. */
    record Live(String id, String name, String projectDir, String host, long pid, long startedAt) {
    }

    /** The session found (id may be null) and how. */
    record Found(String id, String name, String how) {
    }

    private SessionMatch() {
    }

    /** Reads the live sessions. */
    static List<Live> live(Connection c) throws SQLException {
        List<Live> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIVE_SESSIONS_SQL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Live(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getLong(6)));
            }
        }
        return out;
    }

    /**
     * Picks the session.
     *
     * @param sessions the live sessions
     * @param host this host's name
     * @param clientPid the client's pid when it says so (Claude Code sets CLAUDE_PID for its hooks), else null
     * @param ancestors the hook process's ancestors' pids, nearest first
     * @param ancestorsOf the ancestors of a process of this host, nearest first (empty when it does not run)
     * @param requestedName TELEGRAM_SESSION, or null
     * @param projectDir the client's project directory, or null
     * @param fallbackName the name to show when no session matches
     */
    static Found pick(List<Live> sessions, String host, Long clientPid, List<Long> ancestors,
            LongFunction<List<Long>> ancestorsOf, String requestedName, Path projectDir, String fallbackName) {
        Live best = null;
        int bestDepth = HOOK_LEVELS;
        for (Live s : sessions) {
            if (!host.equals(s.host())) {
                continue;
            }
            List<Long> theirs = ancestorsOf.apply(s.pid());
            theirs = theirs.subList(0, Math.min(theirs.size(), SERVER_LEVELS));
            if (clientPid != null) {
                if (theirs.contains(clientPid) && (best == null || s.startedAt() > best.startedAt())) {
                    best = s;
                }
                continue;
            }
            for (int depth = 0; depth < Math.min(ancestors.size(), bestDepth + 1); depth++) {
                long shared = ancestors.get(depth);
                if (shared > 1 && theirs.contains(shared)) {
                    if (depth < bestDepth || best == null || s.startedAt() > best.startedAt()) {
                        best = s;
                        bestDepth = depth;
                    }
                    break;
                }
            }
        }
        if (best != null) {
            return new Found(best.id(), best.name(), "the client that runs both the hook and the session's server");
        }
        if (requestedName != null && !requestedName.isBlank()) {
            String wanted = requestedName.trim().toLowerCase(Locale.ROOT);
            Optional<Live> named = sessions.stream().filter(s -> s.name().toLowerCase(Locale.ROOT).equals(wanted))
                    .findFirst();
            if (named.isPresent()) {
                return new Found(named.get().id(), named.get().name(), "TELEGRAM_SESSION");
            }
        }
        if (projectDir != null) {
            Path dir = projectDir.toAbsolutePath().normalize();
            List<Live> here = sessions.stream().filter(s -> s.projectDir() != null
                    && Path.of(s.projectDir()).toAbsolutePath().normalize().equals(dir)).toList();
            if (here.size() == 1) {
                return new Found(here.get(0).id(), here.get(0).name(), "the project directory");
            }
        }
        return new Found(null, fallbackName, "no live session matched");
    }

    /** The pids of this process's ancestors, nearest first. */
    static List<Long> ancestors() {
        List<Long> out = new ArrayList<>();
        Optional<ProcessHandle> p = ProcessHandle.current().parent();
        while (p.isPresent() && out.size() < ANCESTORS) {
            out.add(p.get().pid());
            p = p.get().parent();
        }
        return out;
    }

    /** The ancestors of a running process of this host, nearest first (empty when it does not run). */
    static List<Long> ancestorsOf(long pid) {
        List<Long> out = new ArrayList<>();
        Optional<ProcessHandle> p = ProcessHandle.of(pid).flatMap(ProcessHandle::parent);
        while (p.isPresent() && out.size() < SERVER_LEVELS) {
            out.add(p.get().pid());
            p = p.get().parent();
        }
        return out;
    }
}
