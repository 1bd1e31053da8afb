package io.github.telegrammcp.topics;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code TELEGRAM_TOPICS}: {@code auto} gives each session a topic when the owner's chat has topics (getMe's
 * {@code has_topics_enabled} for a private chat, {@code is_forum} for a supergroup); {@code on} tries even when
 * Telegram does not say so; {@code off} keeps every message in the main chat.
 */
public enum TopicMode {
    AUTO, ON, OFF;

    /** The mode and, for a value that is none of the three, a warning (the mode is then {@code off}). */
    public record Parsed(TopicMode mode, String problem) {
    }

    /** Reads the setting; a missing or blank value is {@code auto}. */
    public static Parsed parse(Optional<String> value) {
        String text = value.map(String::strip).orElse("");
        if (text.isEmpty()) {
            return new Parsed(AUTO, null);
        }
        try {
            return new Parsed(valueOf(text.toUpperCase(Locale.ROOT)), null);
        } catch (IllegalArgumentException e) {
            return new Parsed(OFF, "TELEGRAM_TOPICS must be auto, on or off, got '" + text
                    + "'; topics stay off until it is fixed (then restart the assistant).");
        }
    }
}
