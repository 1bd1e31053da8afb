package io.github.telegrammcp.telegram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps this process under Telegram's flood limits: a short burst, then about one message per second per chat.
 * Telegram answers 429 beyond that; pacing here means a burst of notifications is delayed instead of refused.
 */
@ApplicationScoped
public class OutboundPacer {

    static final int BURST = 3;
    static final long INTERVAL_MILLIS = 1050;

    private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

    /** Blocks until a message may be sent to the chat. */
    public void acquire(long chatId) {
        long wait = buckets.computeIfAbsent(chatId, id -> new Bucket()).reserve(System.currentTimeMillis());
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
