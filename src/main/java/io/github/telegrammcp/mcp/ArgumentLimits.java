package io.github.telegrammcp.mcp;

import io.github.telegrammcp.telegram.TelegramLimits;
import io.quarkiverse.mcp.server.ToolCallException;

/**
 * The longest text each bounded tool argument may hold, in one place. An argument over its limit is a tool error that
 * names the argument and the limit (never an internal error from the database or Telegram further down). Free text
 * (message, details) is capped at {@link #TEXT_LIMIT} and split into as many messages as needed; code is sent as a
 * file when long.
 */
final class ArgumentLimits {

    /** telegram_notify's summary: one or two sentences. */
    static final int SUMMARY = 200;
    /** An event keyword (completed, error, question, progress). */
    static final int EVENT = 32;
    /** A button label; Telegram shows about that much on a phone. */
    static final int BUTTON_TEXT = 40;
    /** A button's emoji: the longest standard emoji sequences (family, flags with tags) are 15 characters. */
    static final int BUTTON_EMOJI = 16;
    /** A button's instruction: as much as one Telegram message the owner could have typed. */
    static final int BUTTON_ACTION = 4096;
    /** A code language name (python, objective-c, ...). */
    static final int LANGUAGE = 32;
    /** A caption: one Telegram message (over 1024 characters it follows the photo or file as its own message). */
    static final int CAPTION = 4096;
    /** A file path: the longest path Linux accepts. */
    static final int PATH = 4096;
    /** A tool's name in a permission prompt (MCP tool names are far shorter). */
    static final int TOOL_NAME = 512;
    /** A question of telegram_ask: one Telegram message, with room for the session's name. */
    static final int QUESTION = 3000;
    /** An option of telegram_ask: a button's label (Telegram cuts longer ones). */
    static final int OPTION = 64;

    private ArgumentLimits() {
    }

    /**
     * The most characters a text argument may have (a message, details, a caption): about 10 Telegram messages, sent
     * in about 10 s. More would keep the chat busy for minutes (1 MB became 320 messages over 5.6 minutes); a file
     * carries it better.
     */
    static final int TEXT_LIMIT = 40_000;

    /** A text argument of at most {@link #TEXT_LIMIT} characters, or null when it was left out. */
    static String limited(String value, String name) {
        int characters = TelegramLimits.characters(value);
        if (characters > TEXT_LIMIT) {
            throw new ToolCallException(String.format(java.util.Locale.ROOT, "%s is %,d characters; it may have at"
                    + " most %,d (about 10 Telegram messages). Send a summary, or write the full text to a file in the"
                    + " project and send it with telegram_send_file.", name, characters, TEXT_LIMIT));
        }
        return value;
    }

    /**
     * Requires {@code value} (if given) to be at most {@code limit} characters.
     *
     * @param what the argument as the model knows it, e.g. {@code actions[2].emoji}
     * @param advice what to do instead, as the end of a sentence
     */
    static String atMost(String value, String what, int limit, String advice) {
        if (value != null && value.length() > limit) {
            throw new ToolCallException(what + " is " + value.length() + " characters; the limit is " + limit + ". "
                    + advice);
        }
        return value;
    }
}
