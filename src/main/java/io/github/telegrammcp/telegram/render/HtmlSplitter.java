package io.github.telegrammcp.telegram.render;

import java.util.ArrayList;
import java.util.List;

import io.github.telegrammcp.telegram.TelegramLimits;

/**
 * Splits Telegram HTML (as produced by this package) into messages that each fit a length limit and are valid on
 * their own.
 *
 * <p>
 * Guarantees, for balanced input made of tags, entities and text:
 * <ul>
 * <li>every chunk is at most {@code maxChars} UTF-16 units ({@link String#length()}) of raw HTML;</li>
 * <li>no chunk cuts a tag, an entity or a surrogate pair; tags open at a cut are closed at the end of the chunk and
 * reopened, with the same attributes, at the start of the next one;</li>
 * <li>the visible text of the input equals the visible texts of the chunks in order, with only spaces and newlines
 * left out, and only between chunks (or before the first, after the last): at each cut the splitter drops the
 * whitespace it cut on, one maximal run of {@code '\n'} or of {@code ' '}; and a stretch that would make a chunk show
 * nothing but whitespace is dropped rather than sent, since Telegram refuses blank messages. Every chunk of an
 * input that had to be split shows at least one other character.</li>
 * </ul>
 * Cuts prefer, within the second half of a chunk's room, a paragraph break (two or more newlines), then a newline,
 * then a space; failing that, the last whitespace in the chunk; failing that, the last character boundary, avoiding
 * boundaries inside an emoji sequence or before a combining mark when possible. Markup nested so deep that reopening
 * it would take more than half of {@code maxChars} loses its innermost tags (never their text); stray closing tags
 * are dropped and unclosed tags closed.
 */
public final class HtmlSplitter {

    /** Smallest limit accepted: room for the longest entity plus a few tags. */
    public static final int MIN_LIMIT = 32;

    private static final int PARAGRAPH = 0;
    private static final int NEWLINE = 1;
    private static final int SPACE = 2;
    private static final int ANY = 3;
    private static final int ANY_INSIDE_GRAPHEME = 4;

    private HtmlSplitter() {
    }

    /** Splits at Telegram's limit for a message's text. */
    public static List<String> split(String html) {
        return split(html, TelegramLimits.TEXT_CHARACTERS);
    }

    /**
     * Splits {@code html} into chunks of at most {@code maxChars} characters; input that fits is returned unchanged as
     * the only chunk, and empty input gives an empty list.
     *
     * @throws IllegalArgumentException if {@code maxChars} is below {@link #MIN_LIMIT}
     */
    public static List<String> split(String html, int maxChars) {
        if (maxChars < MIN_LIMIT) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_LIMIT + ", was " + maxChars);
        }
        if (html == null || html.isEmpty()) {
            return List.of();
        }
        if (html.length() <= maxChars) {
            return List.of(html);
        }
        return new Run(HtmlTokens.of(html).normalized(maxChars / 2), maxChars).chunks();
    }

    /** One splitting pass over normalized tokens. */
    private static final class Run {
        private final HtmlTokens tokens;
        private final String html;
        private final int maxChars;
        /** For a whitespace character token: the token index just after the run of the same character. */
        private final int[] runEnd;
        private final List<String> chunks = new ArrayList<>();

        Run(HtmlTokens tokens, int maxChars) {
            this.tokens = tokens;
            this.html = tokens.html;
            this.maxChars = maxChars;
            this.runEnd = new int[tokens.count];
            for (int t = tokens.count - 1; t >= 0; t--) {
                char c = tokens.plainChar(t);
                boolean whitespace = c == '\n' || c == ' ';
                runEnd[t] = whitespace && t + 1 < tokens.count && tokens.plainChar(t + 1) == c ? runEnd[t + 1] : t + 1;
            }
        }

        List<String> chunks() {
            int first = 0;
            OpenTags open = new OpenTags();
            while (first < tokens.count) {
                String reopen = open.openingTags(tokens);
                int rest = html.length() - tokens.start[first];
                if (reopen.length() + rest <= maxChars) {
                    if (showsNonWhitespace(first, tokens.count)) {
                        chunks.add(reopen + html.substring(tokens.start[first]));
                    }
                    break;
                }
                Cut cut = bestCut(first, open, reopen.length());
                OpenTags atLeftEnd = open.copy();
                atLeftEnd.advance(tokens, first, cut.leftEnd);
                // Telegram refuses a blank message, so a stretch of nothing but whitespace is dropped, not sent
                if (showsNonWhitespace(first, cut.leftEnd)) {
                    chunks.add(reopen + html.substring(tokens.start[first], tokens.start[cut.leftEnd])
                            + atLeftEnd.closingTags(tokens));
                }
                atLeftEnd.advance(tokens, cut.leftEnd, cut.rightStart);
                open = atLeftEnd;
                first = cut.rightStart;
            }
            return chunks;
        }

        private boolean showsNonWhitespace(int from, int to) {
            for (int t = from; t < to; t++) {
                char c = tokens.plainChar(t);
                if (tokens.kind[t] == HtmlTokens.CHAR && c != ' ' && c != '\n') {
                    return true;
                }
            }
            return false;
        }

        /** Scans the tokens that can still fit after {@code first} and picks the best place to cut. */
        private Cut bestCut(int first, OpenTags startTags, int reopenLength) {
            int room = maxChars - reopenLength;
            int contentStart = tokens.start[first];
            Cut[] latest = new Cut[ANY_INSIDE_GRAPHEME + 1];
            Cut[] latestInSecondHalf = new Cut[ANY_INSIDE_GRAPHEME + 1];
            Cut latestWhitespace = null;
            int closeLength = startTags.closingLength();
            int openRunStart = -1;
            int closeLengthBeforeOpenRun = 0;
            OpenTags stack = startTags.copy();
            for (int t = first; t < tokens.count; t++) {
                if (t > first) {
                    byte previous = tokens.kind[t - 1];
                    // a cut before an opening tag or a character, after a character or a closing tag, leaves no
                    // empty element on either side
                    if (previous != HtmlTokens.OPEN && tokens.kind[t] != HtmlTokens.CLOSE) {
                        int length = tokens.start[t] - contentStart;
                        if (length + closeLength <= room) {
                            int tier = insideGrapheme(t) ? ANY_INSIDE_GRAPHEME : ANY;
                            record(new Cut(t, t, length), tier, latest, latestInSecondHalf, room);
                        }
                    }
                    char c = tokens.plainChar(t);
                    if ((c == '\n' || c == ' ') && tokens.plainChar(t - 1) != c) {
                        boolean afterOpenTags = previous == HtmlTokens.OPEN;
                        int leftEnd = afterOpenTags ? openRunStart : t;
                        int leftClose = afterOpenTags ? closeLengthBeforeOpenRun : closeLength;
                        int length = tokens.start[leftEnd] - contentStart;
                        if (leftEnd > first && length + leftClose <= room) {
                            int runLength = runEnd[t] - t;
                            int tier = c == ' ' ? SPACE : runLength >= 2 ? PARAGRAPH : NEWLINE;
                            Cut cut = new Cut(leftEnd, skipClosingTags(runEnd[t]), length);
                            record(cut, tier, latest, latestInSecondHalf, room);
                            latestWhitespace = cut;
                        }
                    }
                }
                if (tokens.end[t] - contentStart > room) {
                    break;
                }
                if (tokens.kind[t] == HtmlTokens.OPEN && (t == first || tokens.kind[t - 1] != HtmlTokens.OPEN)) {
                    openRunStart = t;
                    closeLengthBeforeOpenRun = closeLength;
                }
                stack.advance(tokens, t, t + 1);
                closeLength = stack.closingLength();
            }
            for (int tier = PARAGRAPH; tier <= SPACE; tier++) {
                if (latestInSecondHalf[tier] != null) {
                    return latestInSecondHalf[tier];
                }
            }
            if (latestWhitespace != null) {
                return latestWhitespace;
            }
            if (latest[ANY] != null) {
                return latest[ANY];
            }
            if (latest[ANY_INSIDE_GRAPHEME] != null) {
                return latest[ANY_INSIDE_GRAPHEME];
            }
            // normalization keeps open tags within half the limit, so one token always fits
            throw new IllegalStateException("no cut fits in " + maxChars + " characters at offset " + contentStart);
        }

        /** Closing tags right after a cut stay on the left, where their elements are closed anyway. */
        private int skipClosingTags(int t) {
            int next = t;
            while (next < tokens.count && tokens.kind[next] == HtmlTokens.CLOSE) {
                next++;
            }
            return next;
        }

        private static void record(Cut cut, int tier, Cut[] latest, Cut[] latestInSecondHalf, int room) {
            latest[tier] = cut;
            if (cut.length * 2 >= room) {
                latestInSecondHalf[tier] = cut;
            }
        }

        /** True when cutting before token {@code t} would separate parts of one emoji or accented letter. */
        private boolean insideGrapheme(int t) {
            int before = tokens.codePoint(t - 1);
            int after = tokens.codePoint(t);
            if (before < 0 || after < 0) {
                return false;
            }
            int type = Character.getType(after);
            boolean joinsPrevious = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK || after == 0x200D
                    || (after >= 0xFE00 && after <= 0xFE0F) || (after >= 0x1F3FB && after <= 0x1F3FF)
                    || (after >= 0xE0020 && after <= 0xE007F);
            return joinsPrevious || before == 0x200D || isRegionalIndicator(after) && oddRegionalRunBefore(t);
        }

        /** Flags are pairs of regional indicators: a cut is inside one after an odd number of them. */
        private boolean oddRegionalRunBefore(int t) {
            int count = 0;
            for (int i = t - 1; i >= 0 && isRegionalIndicator(tokens.codePoint(i)); i--) {
                count++;
            }
            return count % 2 == 1;
        }

        private static boolean isRegionalIndicator(int cp) {
            return cp >= 0x1F1E6 && cp <= 0x1F1FF;
        }
    }

    /**
     * A place to cut: the left chunk takes tokens before {@code leftEnd}, the right one starts at {@code rightStart};
     * between them lie only opening tags (carried over by reopening) and the whitespace being dropped.
     */
    private record Cut(int leftEnd, int rightStart, int length) {
    }
}
