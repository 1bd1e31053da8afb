package io.github.telegrammcp.fake;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Scripted failures and delays, consumed one per call of the named method. */
final class FaultScript {

    private final Map<String, Deque<BotApiError>> failures = new HashMap<>();
    private final Map<String, Deque<Duration>> delays = new HashMap<>();

    synchronized void failNext(String method, int errorCode, String description, Integer retryAfter) {
        BotApiError error;
        if (errorCode == 429) {
            error = BotApiError.tooManyRequests(retryAfter == null ? 1 : retryAfter);
        } else {
            error = new BotApiError(errorCode, description != null ? description : defaultDescription(errorCode),
                    retryAfter);
        }
        failures.computeIfAbsent(key(method), k -> new ArrayDeque<>()).add(error);
    }

    synchronized void delayNext(String method, Duration delay) {
        delays.computeIfAbsent(key(method), k -> new ArrayDeque<>()).add(delay);
    }

    synchronized BotApiError nextFailure(String method) {
        Deque<BotApiError> queue = failures.get(key(method));
        return queue == null ? null : queue.poll();
    }

    synchronized Duration nextDelay(String method) {
        Deque<Duration> queue = delays.get(key(method));
        return queue == null ? null : queue.poll();
    }

    synchronized void clear() {
        failures.clear();
        delays.clear();
    }

    private static String defaultDescription(int errorCode) {
        return switch (errorCode) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden: bot was blocked by the user";
            case 404 -> "Not Found";
            case 409 -> UpdateQueue.CONFLICT;
            case 502 -> "Bad Gateway";
            default -> "Internal Server Error";
        };
    }

    private static String key(String method) {
        return method.toLowerCase(Locale.ROOT);
    }
}
