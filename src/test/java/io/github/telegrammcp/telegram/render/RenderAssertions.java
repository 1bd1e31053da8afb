package io.github.telegrammcp.telegram.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.telegrammcp.fake.TelegramHtmlValidator;

/** Checks shared by the rendering tests: Telegram validity, length, and that no visible text went missing. */
final class RenderAssertions {

    private RenderAssertions() {
    }

    /** Parses with the Telegram HTML validator and checks the nesting rules Telegram documents. */
    static String assertTelegramValid(String html) {
        String text;
        try {
            text = TelegramHtmlValidator.parse(html);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("Telegram would refuse: " + e.getMessage() + "\n--- html ---\n" + abbreviate(html),
                    e);
        }
        assertTelegramNesting(html);
        return text;
    }

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>");

    /**
     * Telegram documents that pre and code contain no other entity and that block quotes do not nest; it drops what
     * breaks these rules, so the check reads the markup itself. {@code <pre><code>} is the one allowed pair.
     */
    static void assertTelegramNesting(String html) {
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(html);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            if (!tag.group(1).isEmpty()) {
                open.pop();
                continue;
            }
            String parent = open.peek();
            boolean codeInPre = name.equals("code") && "pre".equals(parent);
            if (!codeInPre && (open.contains("pre") || open.contains("code"))) {
                fail("<%s> inside %s at %d in %s", name, open, tag.start(), abbreviate(html));
            }
            if (name.equals("blockquote") && open.contains("blockquote")) {
                fail("nested block quotes at %d in %s", tag.start(), abbreviate(html));
            }
            if (name.equals("pre") && !open.isEmpty() && !(open.size() == 1 && open.contains("blockquote"))) {
                fail("<pre> inside %s at %d in %s", open, tag.start(), abbreviate(html));
            }
            open.push(name);
        }
    }

    /** Every chunk fits, is valid on its own and shows something; returns their visible texts. */
    static List<String> assertValidChunks(List<String> chunks, int maxChars) {
        return chunks.stream().map(chunk -> {
            assertThat(chunk.length()).as("raw length of a chunk").isLessThanOrEqualTo(maxChars);
            String visible = assertTelegramValid(chunk);
            assertThat(visible).as("visible text of a chunk").isNotBlank();
            return visible;
        }).toList();
    }

    /**
     * The chunks' visible texts, in order, spell out {@code expected} except for runs of spaces and newlines between
     * them (the whitespace a cut was made on), which is the splitter's guarantee.
     */
    static void assertCarriesVisibleText(String expected, List<String> chunkTexts) {
        if (!matches(expected, 0, chunkTexts, 0)) {
            fail("chunks do not carry the visible text.%n--- expected ---%n%s%n--- chunks ---%n%s",
                    abbreviate(expected), abbreviate(String.join("\n<<<CUT>>>\n", chunkTexts)));
        }
    }

    private static boolean matches(String expected, int pos, List<String> chunks, int index) {
        int whitespaceEnd = pos;
        while (whitespaceEnd < expected.length()
                && (expected.charAt(whitespaceEnd) == ' ' || expected.charAt(whitespaceEnd) == '\n')) {
            whitespaceEnd++;
        }
        if (index == chunks.size()) {
            return whitespaceEnd == expected.length();
        }
        String chunk = chunks.get(index);
        for (int at = pos; at <= whitespaceEnd; at++) {
            if (expected.startsWith(chunk, at) && matches(expected, at + chunk.length(), chunks, index + 1)) {
                return true;
            }
        }
        return false;
    }

    /** The words appear in {@code text} in this order. */
    static void assertContainsInOrder(String text, List<String> words) {
        int from = 0;
        for (String word : words) {
            int at = text.indexOf(word, from);
            if (at < 0) {
                fail("missing '%s' after offset %d in%n%s", word, from, abbreviate(text));
            }
            from = at + word.length();
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 3000 ? text : text.substring(0, 1500) + "\n[...]\n" + text.substring(text.length() - 1500);
    }
}
