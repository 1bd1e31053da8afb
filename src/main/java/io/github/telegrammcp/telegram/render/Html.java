package io.github.telegrammcp.telegram.render;

/**
 * Escaping for Telegram's HTML parse mode, which knows only the entities {@code &lt; &gt; &amp; &quot;} and numeric ones.
 */
public final class Html {

    private Html() {
    }

    /**
     * Escapes {@code &}, {@code <} and {@code >} so that text shows literally, and replaces a lone surrogate (not valid
     * UTF-8) with U+FFFD; {@code null} gives the empty string.
     */
    public static String escape(String text) {
        return escape(text, false);
    }

    /** Escapes text for a double-quoted attribute value: like {@link #escape(String)}, plus {@code "}. */
    public static String escapeAttribute(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean quotes) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> quotes ? "&quot;" : null;
                // Telegram needs valid UTF-8, which a lone surrogate cannot be encoded as
                default -> isLoneSurrogate(text, i) ? "\uFFFD" : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isLoneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    /** Length of {@code text} once escaped by {@link #escape(String)}, without building the string. */
    static int escapedLength(CharSequence text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            length += escapedLength(text.charAt(i));
        }
        return length;
    }

    static int escapedLength(char c) {
        return switch (c) {
            case '&' -> 5;
            case '<', '>' -> 4;
            default -> 1;
        };
    }
}
