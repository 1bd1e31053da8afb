package io.github.telegrammcp.hook;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Flow.Processor;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.github.telegrammcp.approval.ApprovalPrompt;
import io.github.telegrammcp.session.DatabaseNotifications;
import io.github.telegrammcp.session.SessionWakeUp;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The hook's wake-ups with the shared PostgreSQL store: the process that stores the owner's answer (the one that polls
 * Telegram, on whatever machine) sends {@code NOTIFY}, and the hook {@code LISTEN}s on a connection of its own, so it
 * reads the answer at once instead of querying the shared database four times a second for as long as the prompt is
 * out. Each time that connection is (re)opened, the prompt reads the store once, for whatever was notified while it
 * was not listening; a connection that breaks silently is covered by the {@link #RECHECK}.
 */
final class DatabaseWakes implements ApprovalPrompt.Wakes, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DatabaseWakes.class);
    /** The safety net while listening: the store is read this often without a wake-up. */
    static final Duration RECHECK = Duration.ofSeconds(5);
    /** One wait for notifications; also how soon the listener notices it should stop. */
    private static final int WAIT_MILLIS = 1000;
    /** A connection silent this long is checked with a query (a peer that vanished sends no reset). */
    private static final long CHECK_AFTER_MILLIS = 10_000;
    private static final long RECONNECT_MILLIS = 500;
    /** Emitted to every prompt: read the store now. */
    private static final String EVERYONE = "";

    private final StoreConnection.Opener opener;
    // Serialized: one listener thread emits, but subscribers come and go from the prompt's threads.
    private final Processor<String, String> woken = BroadcastProcessor.<String> create().serialized();
    private volatile boolean running = true;

    private DatabaseWakes(StoreConnection.Opener opener) {
        this.opener = opener;
    }

    /** Starts listening on a connection of its own. */
    static DatabaseWakes start(StoreConnection.Opener opener) {
        DatabaseWakes wakes = new DatabaseWakes(opener);
        Thread listener = new Thread(wakes::listen, "permission-hook-listener");
        listener.setDaemon(true);
        listener.start();
        return wakes;
    }

    @Override
    public Multi<?> forSession(String sessionId) {
        return Multi.createFrom().publisher(woken).select().where(id -> id.equals(EVERYONE) || id.equals(sessionId));
    }

    @Override
    public Duration recheck() {
        return RECHECK;
    }

    @Override
    public void close() {
        running = false;
    }

    private void listen() {
        String lastProblem = null;
        while (running) {
            try (Connection c = opener.open(); Statement st = c.createStatement()) {
                st.execute("LISTEN " + SessionWakeUp.DATABASE_CHANNEL);
                if (lastProblem != null) {
                    LOG.debugf("Permission hook: listening for the owner's answer again");
                }
                lastProblem = null;
                woken.onNext(EVERYONE);
                PGConnection pg = c.unwrap(PGConnection.class);
                DatabaseNotifications.drain(pg, st, WAIT_MILLIS, CHECK_AFTER_MILLIS, () -> running, payload -> {
                    SessionWakeUp wakeUp = SessionWakeUp.parse(payload);
                    if (wakeUp != null && wakeUp.what() == SessionWakeUp.What.APPROVAL) {
                        woken.onNext(wakeUp.sessionId());
                    }
                });
            } catch (SQLException | RuntimeException e) {
                if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                    LOG.debugf("Permission hook: not listening for the owner's answer (%s); trying again", e.getMessage());
                }
                lastProblem = String.valueOf(e.getMessage());
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
