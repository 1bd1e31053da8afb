package io.github.telegrammcp.config;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Bot API token. Its {@link #toString()} is masked so that it cannot reach a log line or an error text by accident. */
public final class BotToken {

    /** Anything shaped like a bot token: the bot id, a colon, and a long run of URL-safe characters. */
    private static final Pattern LIKE_A_TOKEN = Pattern.compile("(\\d{5,}):[A-Za-z0-9_-]{20,}");

    private final String value;

    public BotToken(String value) {
        this.value = Objects.requireNonNull(value, "value").trim();
    }

    /** The secret itself; use only to build a request URL. */
    public String reveal() {
        return value;
    }

    /** The bot id part before the colon (public: it is the bot's user id). */
    public String botId() {
        int colon = value.indexOf(':');
        return colon > 0 ? value.substring(0, colon) : "?";
    }

    /** The token with everything after the bot id replaced, e.g. {@code 123456:***}. */
    public String masked() {
        return botId() + ":***";
    }

    /** Replaces every occurrence of this token in a text with its masked form. */
    public String redact(String text) {
        if (text == null || value.isEmpty()) {
            return text;
        }
        return text.replace(value, masked());
    }

    /** Masks everything in {@code text} that looks like a bot token, whichever bot it belongs to. */
    public static String maskAll(String text) {
        return text == null ? null : LIKE_A_TOKEN.matcher(text).replaceAll("$1:***");
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BotToken token && token.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
