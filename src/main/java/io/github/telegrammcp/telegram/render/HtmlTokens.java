package io.github.telegrammcp.telegram.render;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Telegram HTML cut into the pieces a splitter may not break: tags, entities, and code points (a surrogate pair is one
 * token). A bare {@code &} or {@code <} that starts no entity or tag is an ordinary character.
 */
final class HtmlTokens {

    static final byte CHAR = 0;
    static final byte OPEN = 1;
    static final byte CLOSE = 2;

    // Telegram knows four named entities and numeric ones; longer names cannot be entities it accepts
    private static final Pattern ENTITY = Pattern.compile("&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,7});");

    final String html;
    final int count;
    final int[] start;
    final int[] end;
    final byte[] kind;
    /** Lower-case tag name for tags, {@code null} for characters. */
    final String[] name;

    private HtmlTokens(String html, int count, int[] start, int[] end, byte[] kind, String[] name) {
        this.html = html;
        this.count = count;
        this.start = start;
        this.end = end;
        this.kind = kind;
        this.name = name;
    }

    static HtmlTokens of(String html) {
        int capacity = html.length() + 1;
        int[] start = new int[capacity];
        int[] end = new int[capacity];
        byte[] kind = new byte[capacity];
        String[] name = new String[capacity];
        int n = 0;
        int i = 0;
        var entity = ENTITY.matcher(html);
        while (i < html.length()) {
            char c = html.charAt(i);
            int tokenEnd = -1;
            if (c == '<') {
                tokenEnd = tagEnd(html, i);
                if (tokenEnd > 0) {
                    boolean closing = html.charAt(i + 1) == '/';
                    kind[n] = closing ? CLOSE : OPEN;
                    name[n] = tagName(html, closing ? i + 2 : i + 1);
                }
            } else if (c == '&' && entity.region(i, Math.min(html.length(), i + 12)).lookingAt()) {
                tokenEnd = entity.end();
                kind[n] = CHAR;
            }
            if (tokenEnd < 0) {
                kind[n] = CHAR;
                boolean pair = Character.isHighSurrogate(c) && i + 1 < html.length()
                        && Character.isLowSurrogate(html.charAt(i + 1));
                tokenEnd = i + (pair ? 2 : 1);
            }
            start[n] = i;
            end[n] = tokenEnd;
            n++;
            i = tokenEnd;
        }
        return new HtmlTokens(html, n, start, end, kind, name);
    }

    /** End (exclusive) of the tag starting at {@code i}, or -1 when {@code <} does not start a well-formed tag. */
    private static int tagEnd(String html, int i) {
        int nameStart = i + 1 < html.length() && html.charAt(i + 1) == '/' ? i + 2 : i + 1;
        if (nameStart >= html.length() || !isAsciiLetter(html.charAt(nameStart))) {
            return -1;
        }
        char quote = 0;
        for (int j = nameStart; j < html.length(); j++) {
            char c = html.charAt(j);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return j + 1;
            } else if (c == '<') {
                return -1;
            }
        }
        return -1;
    }

    private static String tagName(String html, int from) {
        int to = from;
        while (to < html.length() && (isAsciiLetter(html.charAt(to)) || Character.isDigit(html.charAt(to))
                || html.charAt(to) == '-' || html.charAt(to) == '_')) {
            to++;
        }
        return html.substring(from, to).toLowerCase(Locale.ROOT);
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    String text(int token) {
        return html.substring(start[token], end[token]);
    }

    /** The single character a token shows, or 0 for tags, entities and surrogate pairs. */
    char plainChar(int token) {
        return kind[token] == CHAR && end[token] - start[token] == 1 ? html.charAt(start[token]) : 0;
    }

    /** Code point shown by a character token that is not an entity, or -1. */
    int codePoint(int token) {
        return kind[token] == CHAR && html.charAt(start[token]) != '&' ? html.codePointAt(start[token]) : -1;
    }

    static String closingTag(String tagName) {
        return "</" + tagName + ">";
    }

    /**
     * Returns markup whose tags are balanced and whose open tags never cost more than {@code budget} characters to
     * reopen and close: stray closing tags are dropped, unclosed ones closed, and tags nested too deep removed (their
     * text stays). Returns {@code this} when nothing had to change.
     */
    HtmlTokens normalized(int budget) {
        boolean[] drop = new boolean[count];
        List<String> synthesizedBefore = new ArrayList<>(Arrays.asList(new String[count + 1]));
        boolean changed = false;
        List<Integer> stack = new ArrayList<>();
        List<Boolean> kept = new ArrayList<>();
        int overhead = 0;
        for (int t = 0; t < count; t++) {
            if (kind[t] == OPEN) {
                int cost = (end[t] - start[t]) + closingTag(name[t]).length();
                boolean keep = overhead + cost <= budget;
                stack.add(t);
                kept.add(keep);
                if (keep) {
                    overhead += cost;
                } else {
                    drop[t] = true;
                    changed = true;
                }
            } else if (kind[t] == CLOSE) {
                int match = stack.size() - 1;
                while (match >= 0 && !name[stack.get(match)].equals(name[t])) {
                    match--;
                }
                if (match < 0) {
                    drop[t] = true;
                    changed = true;
                    continue;
                }
                StringBuilder implicit = new StringBuilder();
                while (stack.size() > match) {
                    int open = stack.remove(stack.size() - 1);
                    boolean wasKept = kept.remove(kept.size() - 1);
                    if (wasKept) {
                        overhead -= (end[open] - start[open]) + closingTag(name[open]).length();
                    }
                    if (stack.size() > match && wasKept) {
                        implicit.append(closingTag(name[open]));
                        changed = true;
                    }
                    if (stack.size() == match && !wasKept) {
                        drop[t] = true;
                    }
                }
                if (!implicit.isEmpty()) {
                    synthesizedBefore.set(t, implicit.toString());
                }
            }
        }
        StringBuilder unclosed = new StringBuilder();
        for (int s = stack.size() - 1; s >= 0; s--) {
            if (kept.get(s)) {
                unclosed.append(closingTag(name[stack.get(s)]));
                changed = true;
            }
        }
        if (!changed) {
            return this;
        }
        synthesizedBefore.set(count, unclosed.toString());
        StringBuilder out = new StringBuilder(html.length() + unclosed.length());
        for (int t = 0; t <= count; t++) {
            if (synthesizedBefore.get(t) != null) {
                out.append(synthesizedBefore.get(t));
            }
            if (t < count && !drop[t]) {
                out.append(html, start[t], end[t]);
            }
        }
        return of(out.toString());
    }
}
