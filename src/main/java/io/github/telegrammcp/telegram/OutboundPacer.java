package io.github.telegrammcp.telegram;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.store.StoreEngine;

/**
 * Keeps all server processes of this machine under Telegram's flood limits: a short burst, then about one message per
 * second per chat. Telegram answers 429 beyond that; pacing here means a burst of notifications is delayed instead of
 * refused. The buckets live in a file of the state directory ({@link SharedPacing}), or with the shared PostgreSQL
 * store in the database, for every machine ({@link DatabasePacing}); while the database does not answer, in the file.
 */
@ApplicationScoped
public class OutboundPacer {

    static final int BURST = 3;
    static final long INTERVAL_MILLIS = 1050;

    private static final Logger LOG = Logger.getLogger(OutboundPacer.class);

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
    private final SharedPacing shared;
    private final DatabasePacing database;

    @Inject
    public OutboundPacer(Settings settings, DataSource dataSource) {
        this.shared = new SharedPacing(settings.stateDir().resolve("outbound-pacing"));
        this.database = StoreEngine.postgres() ? new DatabasePacing(dataSource) : null;
    }

    /** Without the server (the permission hook): the file of this machine only. */
    public OutboundPacer(Settings settings) {
        this.shared = new SharedPacing(settings.stateDir().resolve("outbound-pacing"));
        this.database = null;
    }

    /** Blocks until a message may be sent to the chat. */
    public void acquire(long chatId) {
        long wait = reserve(chatId, System.currentTimeMillis());
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reserves a send in the buckets shared by all local processes; this process's own if the file is unusable. */
    private long reserve(long chatId, long now) {
        if (database != null) {
            try {
                return database.reserve(chatId, BURST, INTERVAL_MILLIS);
            } catch (SQLException | RuntimeException e) {
                LOG.debugf("Pacing in the database unavailable, pacing this machine alone: %s", e.getMessage());
            }
        }
        try {
            return shared.reserve(chatId, now, BURST, INTERVAL_MILLIS);
        } catch (IOException | RuntimeException e) {
            LOG.debugf("Shared pacing unavailable, pacing this process alone: %s", e.getMessage());
            return buckets.computeIfAbsent(chatId, id -> new Bucket()).reserve(now);
        }
    }

    /** A token bucket of {@link #BURST} tokens refilled every {@link #INTERVAL_MILLIS}. */
    static final class Bucket {
        private double tokens = BURST;
        private long updatedAt = System.currentTimeMillis();

        /** Takes a token and returns how long the caller must wait for it (0 if available now). */
        synchronized long reserve(long now) {
            tokens = Math.min(BURST, tokens + (now - updatedAt) / (double) INTERVAL_MILLIS);
            updatedAt = now;
            tokens -= 1;
            if (tokens >= 0) {
                return 0;
            }
            return (long) Math.ceil(-tokens * INTERVAL_MILLIS);
        }
    }
}
