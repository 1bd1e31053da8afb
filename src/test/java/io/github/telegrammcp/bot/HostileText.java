package io.github.telegrammcp.bot;

import java.util.Random;

/**
 * Generates text a careless or hostile sender could type: emoji outside the BMP (two UTF-16 units each), joined emoji
 * sequences, combining marks, NUL and other control characters, right-to-left and invisible format characters, HTML
 * and path specials, CJK, RTL scripts. Lengths are exact, in characters as Telegram counts them (code points).
 */
final class HostileText {

    private static final String[] PIECES = { "😀", "🦄", "👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "𝔄", "𝄞", "e\u0301",
            "a\u0308\u0323",
            "\u0000", "\u0007", "\u001b[31m", "\u202E", "\u202D", "\u200F", "\u200B", "\u2060", "\uFEFF", "שלום", "مرحبا",
            "中文", "日本語", "한국어", "Ünïcödé", "<b>", "</i>", "&amp;", "&", "<", ">", "\"", "'", "`", "\\", "/", "..",
            "%s", "${x}", "\n", "\t", " ", "x", "alpha", "-", "_", ".", "*", "~" };

    private final Random random;

    HostileText(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** Text of exactly {@code characters} code points (0 gives the empty string). */
    String ofLength(int characters) {
        StringBuilder out = new StringBuilder();
        while (out.codePointCount(0, out.length()) < characters) {
            out.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return out.substring(0, out.offsetByCodePoints(0, characters));
    }

    /** Text made only of emoji outside the BMP: {@code characters} code points, twice as many UTF-16 units. */
    static String astral(int characters) {
        return "😀".repeat(characters);
    }

    /** A length around {@code limit}: at it, one over, one under, far over, or anywhere below. */
    int around(int limit) {
        return switch (random.nextInt(6)) {
            case 0 -> limit;
            case 1 -> limit + 1;
            case 2 -> limit - 1;
            case 3 -> limit * 2 + random.nextInt(100);
            default -> 1 + random.nextInt(limit);
        };
    }

    /** A text that is not blank after stripping (so that it is not an empty message). */
    String visible(int characters) {
        String text = ofLength(Math.max(0, characters - 1));
        return "x" + text;
    }
}
