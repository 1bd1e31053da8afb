package io.github.telegrammcp.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The original's progressive schedule ({@code TELEGRAM_POLL_INTERVAL}): the first interval applies for the first ten
 * minutes of a wait, the second until one hour, the third after that. Here it paces heartbeats and safety re-checks,
 * never reply latency.
 */
public record PollSchedule(List<Duration> intervals) {

    public static final PollSchedule DEFAULT = new PollSchedule(
            List.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)));

    private static final Duration[] THRESHOLDS = { Duration.ZERO, Duration.ofMinutes(10), Duration.ofHours(1) };

    public PollSchedule {
        intervals = List.copyOf(intervals);
        if (intervals.isEmpty() || intervals.size() > 3) {
            throw new IllegalArgumentException("expected one to three intervals");
        }
    }

    /** Parses {@code "30,60,120"}; throws IllegalArgumentException with a readable reason. */
    public static PollSchedule parse(String text) {
        String[] parts = text.split(",");
        List<Duration> result = new ArrayList<>();
        for (String part : parts) {
            String trimmed = part.trim();
            long seconds;
            try {
                seconds = Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a whole number of seconds");
            }
            if (seconds < 1 || seconds > 3600) {
                throw new IllegalArgumentException("each interval must be between 1 and 3600 seconds, got " + seconds);
            }
            result.add(Duration.ofSeconds(seconds));
        }
        if (result.size() > 3) {
            throw new IllegalArgumentException("give at most three intervals (after 0 s, 10 min and 1 h)");
        }
        return new PollSchedule(result);
    }

    /** The interval that applies after a wait has lasted {@code elapsed}. */
    public Duration intervalAfter(Duration elapsed) {
        int index = 0;
        for (int i = 0; i < THRESHOLDS.length && i < intervals.size(); i++) {
            if (elapsed.compareTo(THRESHOLDS[i]) >= 0) {
                index = i;
            }
        }
        return intervals.get(index);
    }
}
