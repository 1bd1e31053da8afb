package io.github.telegrammcp.telegram.render;

import java.util.Locale;

/** Which link targets become real Telegram links, and how they are cleaned first. */
final class Links {

    private Links() {
    }

    /** Only schemes that Telegram opens and that cannot run script; anything else is shown as text. */
    static boolean isAllowed(String destination) {
        if (destination == null) {
            return false;
        }
        String lower = destination.strip().toLowerCase(Locale.ROOT);
        return hasTarget(lower, "http://") || hasTarget(lower, "https://") || hasTarget(lower, "mailto:")
                || hasTarget(lower, "tg://");
    }

    private static boolean hasTarget(String url, String scheme) {
        return url.startsWith(scheme) && url.length() > scheme.length();
    }

    /** Percent-encodes whitespace, control characters and quotes, which Telegram rejects inside a URL. */
    static String clean(String destination) {
        String trimmed = destination.strip();
        StringBuilder url = new StringBuilder(trimmed.length());
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '`') {
                url.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
            } else {
                url.append(c);
            }
        }
        return url.toString();
    }
}
