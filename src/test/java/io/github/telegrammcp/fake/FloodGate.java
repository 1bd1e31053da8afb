package io.github.telegrammcp.fake;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Telegram's flood limits, when enabled: about one message per second per chat (a burst of three allowed) and 30
 * messages per second overall; over the limit a send is answered 429 with retry_after between 1 and 5 seconds.
 */
final class FloodGate {

    private static final double CHAT_BURST = 3;
    private static final double CHAT_PER_SECOND = 1;
    private static final int GLOBAL_PER_SECOND = 30;
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static final class Bucket {
        double tokens = CHAT_BURST;
        long refilledAt;

        Bucket(long now) {
            refilledAt = now;
        }
    }

    private LongSupplier clock = System::nanoTime;
    private boolean enabled;
    private final Map<Long, Bucket> chats = new HashMap<>();
    private final Deque<Long> recentSends = new ArrayDeque<>();

    synchronized void enable(boolean on) {
        enabled = on;
        clear();
    }

    /** Replaces the nanosecond clock, so the fake's own tests need not race the real one. */
    synchronized void clock(LongSupplier nanoClock) {
        clock = nanoClock;
    }

    synchronized void clear() {
        chats.clear();
        recentSends.clear();
    }

    /** Takes one send for the chat, or throws 429 when the chat or the bot is over its limit. */
    synchronized void acquire(long chatId) {
        if (!enabled) {
            return;
        }
        long now = clock.getAsLong();
        while (!recentSends.isEmpty() && now - recentSends.peekFirst() >= SECOND) {
            recentSends.removeFirst();
        }
        if (recentSends.size() >= GLOBAL_PER_SECOND) {
            throw BotApiError.tooManyRequests(retryAfter(SECOND - (now - recentSends.peekFirst())));
        }
        Bucket bucket = chats.computeIfAbsent(chatId, id -> new Bucket(now));
        bucket.tokens = Math.min(CHAT_BURST, bucket.tokens + (now - bucket.refilledAt) * CHAT_PER_SECOND / SECOND);
        bucket.refilledAt = now;
        if (bucket.tokens < 1) {
            throw BotApiError.tooManyRequests(retryAfter((long) ((1 - bucket.tokens) / CHAT_PER_SECOND * SECOND)));
        }
        bucket.tokens -= 1;
        recentSends.addLast(now);
    }

    private static int retryAfter(long waitNanos) {
        long seconds = (waitNanos + SECOND - 1) / SECOND;
        return (int) Math.max(1, Math.min(5, seconds));
    }
}
