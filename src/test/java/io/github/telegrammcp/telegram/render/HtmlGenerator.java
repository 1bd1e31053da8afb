package io.github.telegrammcp.telegram.render;

import java.util.Random;

/**
 * Generates random valid Telegram HTML: nested formatting, links, code, block quotes and pre blocks, entities, emoji,
 * CJK, and runs of spaces and newlines, to exercise the splitter on more than the renderer produces.
 */
final class HtmlGenerator {

    private static final String[] TEXTS = { "word", "other", "文字", "テスト", "😀", "👨‍👩‍👧", "🇯🇵", "e\u0301",
            "&amp;", "&lt;", "&gt;", "&quot;", "&#128512;", "&#x1F389;", "'", "\"", ">" };
    private static final String[] INLINE_TAGS = { "b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "tg-spoiler" };

    private final Random random;

    HtmlGenerator(Random random) {
        this.random = random;
    }

    String document(int targetLength) {
        StringBuilder html = new StringBuilder();
        while (html.length() < targetLength) {
            html.append(content(0, false, false, true));
        }
        return html.toString();
    }

    /** {@code blockLevel}: outside any formatting, where Telegram allows pre blocks and block quotes. */
    private String content(int depth, boolean inQuote, boolean inLink, boolean blockLevel) {
        int choice = random.nextInt(depth > 6 ? 2 : 9);
        return switch (choice) {
            case 0, 1 -> text(1 + random.nextInt(12));
            case 2 -> whitespace();
            case 3 -> {
                String tag = INLINE_TAGS[random.nextInt(INLINE_TAGS.length)];
                yield "<" + tag + ">" + content(depth + 1, inQuote, inLink, false)
                        + content(depth + 1, inQuote, inLink, false) + "</" + tag + ">";
            }
            case 4 -> "<code>" + text(1 + random.nextInt(10)) + "</code>";
            case 5 -> inLink ? text(3)
                    : "<a href=\"https://e.org/?q=" + random.nextInt(1000) + "&amp;x=&quot;y&quot;\">"
                            + content(depth + 1, inQuote, true, false) + "</a>";
            case 6 -> inQuote || !blockLevel ? text(3)
                    : "<blockquote" + (random.nextBoolean() ? " expandable" : "") + ">"
                            + content(depth + 1, true, inLink, true) + content(depth + 1, true, inLink, true)
                            + "</blockquote>";
            case 7 -> blockLevel ? pre() : text(2);
            default -> "<span class=\"tg-spoiler\">" + text(1 + random.nextInt(5)) + "</span>";
        };
    }

    private String pre() {
        String open = random.nextBoolean() ? "<pre>" : "<pre><code class=\"language-java\">";
        String close = open.equals("<pre>") ? "</pre>" : "</code></pre>";
        StringBuilder body = new StringBuilder();
        int lines = 1 + random.nextInt(40);
        for (int i = 0; i < lines; i++) {
            body.append(" ".repeat(random.nextInt(8))).append(text(1 + random.nextInt(8))).append('\n');
        }
        return open + body.toString().stripTrailing() + close;
    }

    private String whitespace() {
        return switch (random.nextInt(5)) {
            case 0 -> "\n";
            case 1 -> "\n\n";
            case 2 -> " ".repeat(1 + random.nextInt(3));
            case 3 -> "\n".repeat(1 + random.nextInt(5)) + " ".repeat(random.nextInt(6));
            default -> " ";
        };
    }

    private String text(int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            int choice = random.nextInt(10);
            if (choice == 0) {
                // a long stretch without any whitespace
                text.append("z".repeat(20 + random.nextInt(300)));
            } else {
                text.append(TEXTS[random.nextInt(TEXTS.length)]);
            }
            if (random.nextInt(3) > 0) {
                text.append(random.nextInt(8) == 0 ? "\n" : " ");
            }
        }
        return text.toString();
    }
}
