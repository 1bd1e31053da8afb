package io.github.telegrammcp.stdio;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.github.telegrammcp.config.BotToken;

/** The start of a rejected line for the log: at most 200 characters, on one log line, with tokens masked. */
final class LinePreview {

    static final int CHARS = 200;
    /** Masking looks this far past the cut, so that a token crossing it is still recognised. */
    private static final int LOOKAHEAD = 64;
    private static final Pattern TOKEN_CUT_SHORT = Pattern.compile("(\\d{5,}):[A-Za-z0-9_-]*$");

    private LinePreview() {
    }

    static String of(byte[] line, int length, long totalLength) {
        int window = Math.min(length, (CHARS + LOOKAHEAD) * 4);
        String text = new String(line, 0, window, StandardCharsets.UTF_8);
        if (text.length() > CHARS + LOOKAHEAD) {
            text = text.substring(0, CHARS + LOOKAHEAD);
        }
        text = BotToken.maskAll(text);
        boolean cut = text.length() > CHARS || totalLength > window;
        if (text.length() > CHARS) {
            text = TOKEN_CUT_SHORT.matcher(text.substring(0, CHARS)).replaceAll("$1:***");
        }
        StringBuilder shown = new StringBuilder(text.length() + 16).append('"');
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7F) {
                shown.append(String.format("\\u%04x", c));
            } else if (c == '"' || c == '\\') {
                shown.append('\\').append((char) c);
            } else {
                shown.appendCodePoint(c);
            }
        });
        shown.append('"');
        if (cut) {
            shown.append("… (").append(totalLength).append(" bytes)");
        }
        return shown.toString();
    }
}
