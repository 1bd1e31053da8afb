package io.github.telegrammcp.mcp;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.TelegramConfig;

/**
 * How often a wait sends progress notifications: TELEGRAM_POLL_INTERVAL's schedule (30 s, then 60 s after 10 min,
 * ...), never above 60 s so that clients with idle timers (Claude Code aborts a call silent for 30 minutes) keep the
 * call alive; the internal setting only lowers it (tests).
 */
@ApplicationScoped
public class ProgressCadence {

    private final Settings settings;
    private final TelegramConfig config;

    public ProgressCadence(Settings settings, TelegramConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** The interval between progress notifications once a wait has lasted {@code elapsed}. */
    Duration after(Duration elapsed) {
        Duration scheduled = settings.pollSchedule().intervalAfter(elapsed);
        Duration cap = Duration.ofSeconds(Math.max(1, Math.min(60, config.progressSeconds())));
        return scheduled.compareTo(cap) < 0 ? scheduled : cap;
    }
}
