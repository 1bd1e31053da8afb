package io.github.telegrammcp.telegram.render;

/**
 * Escaping for Telegram's HTML parse mode, which knows only the entities {@code &lt; &gt; &amp; &quot;} and numeric ones.
 */
public final class Html {

    private Html() {
    }

    /** Escapes {@code &}, {@code <} and {@code >} so that text shows literally; {@code null} gives the empty string. */
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
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> quotes ? "&quot;" : null;
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(text.charAt(i));
                }
            }
        }
        return out == null ? text : out.toString();
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
