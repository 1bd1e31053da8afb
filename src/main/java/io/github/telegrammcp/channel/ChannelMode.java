package io.github.telegrammcp.channel;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code TELEGRAM_CHANNEL}: {@code on} declares Claude Code's channel capability and pushes the owner's messages into
 * the session while it is not waiting; {@code off} (the default) leaves them queued for the next wait.
 *
 * @param on whether channels are on
 * @param problem for a value that is neither, what to write instead (channels then stay off)
 */
public record ChannelMode(boolean on, String problem) {

    /** Reads the setting; missing or blank is off. */
    public static ChannelMode parse(Optional<String> value) {
        String text = value.map(String::strip).orElse("").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "", "off", "false", "0" -> new ChannelMode(false, null);
            case "on", "true", "1" -> new ChannelMode(true, null);
            default -> new ChannelMode(false, "TELEGRAM_CHANNEL must be on or off, got '" + value.get().strip()
                    + "'; Claude Code channels stay off until it is fixed (then restart the assistant).");
        };
    }
}
