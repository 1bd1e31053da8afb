package io.github.telegrammcp.outgoing;

import java.util.Random;

/** Generates hostile text for rendering tests: Markdown constructs, HTML specials, emoji, CJK, long lines. */
final class RandomText {

    static final String SPECIALS = "<>&\"'`*_[]()#|~\\";
    private static final String[] PIECES = { "alpha", "beta", "x", "中文", "日本語", "😀", "👍🏽", "é", "Ünïcödé", "&amp;",
        "&lt;b&gt;", "<b>", "</i>", "<a href=\"x\">", "&", "<", ">", "\"", "\t", "`", "**", "_", "~~", "[", "](",
        "https://example.org/?a=1&b=<2>", "```", "|", "#", "> ", "- ", "1. " };

    private final Random random;

    RandomText(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** Code-like text: lines of random pieces, sometimes a very long line without any break. */
    String code(int approxLength) {
        StringBuilder out = new StringBuilder();
        while (out.length() < approxLength) {
            int roll = random.nextInt(100);
            if (roll < 2) {
                // a line without any break point, up to the rest of the requested length
                out.append("y<&>".repeat(1 + random.nextInt(Math.max(1, (approxLength - out.length()) / 4))));
            } else if (roll < 10) {
                out.append("\n");
            } else if (roll < 15) {
                out.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
            } else {
                out.append(PIECES[random.nextInt(PIECES.length)]).append(random.nextBoolean() ? " " : "");
            }
            if (random.nextInt(8) == 0) {
                out.append('\n').append(" ".repeat(random.nextInt(8)));
            }
        }
        return out.toString();
    }

    /** Markdown-ish text: paragraphs, lists, quotes, fences, tables, inline marks and raw specials. */
    String markdown(int approxLength) {
        StringBuilder out = new StringBuilder();
        while (out.length() < approxLength) {
            switch (random.nextInt(9)) {
                case 0 -> out.append("# ").append(words(4)).append("\n\n");
                case 1 -> out.append("- ").append(words(6)).append("\n- **").append(words(3)).append("**\n\n");
                case 2 -> out.append("> ").append(words(12)).append("\n\n");
                case 3 -> out.append("```").append(random.nextBoolean() ? "python" : "\"><b>").append('\n')
                        .append(code(80 + random.nextInt(600))).append("\n```\n\n");
                case 4 -> out.append("| a | b<c |\n|---|---|\n| ").append(words(2)).append(" | ").append(words(2))
                        .append(" |\n\n");
                case 5 -> out.append("[").append(words(2)).append("](https://example.org/?q=").append(
                        random.nextInt(99)).append("&x=<y>) `").append(words(2)).append("`\n\n");
                case 6 -> out.append(words(300 + random.nextInt(900))).append("\n\n");
                default -> out.append(words(20 + random.nextInt(80))).append(" _").append(words(2)).append("_ ~~")
                        .append(words(1)).append("~~\n\n");
            }
        }
        return out.toString();
    }

    private String words(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(random.nextInt(12) == 0 ? "\n" : " ");
            }
            out.append(random.nextInt(6) == 0 ? SPECIALS.charAt(random.nextInt(SPECIALS.length())) + ""
                    : PIECES[random.nextInt(PIECES.length)]);
        }
        return out.toString();
    }
}
