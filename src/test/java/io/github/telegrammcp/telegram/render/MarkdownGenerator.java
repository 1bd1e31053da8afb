package io.github.telegrammcp.telegram.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random Markdown that mixes every construct the renderer maps with special characters, emoji, CJK and long
 * lines, and records the words a reader must see afterwards (link targets and code languages are not words).
 */
final class MarkdownGenerator {

    static final String SPECIALS = "<>&\"'\\`*_[]()#|~";

    private static final String[] WORDS = { "alpha", "beta", "gamma", "delta", "build42", "x", "Ünïcödé", "привет",
            "中文", "測試", "日本語テキスト", "한국어", "😀", "🎉", "👨‍👩‍👧", "🇯🇵", "naïve", "e\u0301", "O'Brien", "don't" };
    private static final String[] URLS = { "https://example.org/a?b=1&c=2", "http://x.y/\"q\"", "mailto:a@b.c",
            "tg://user?id=1", "javascript:alert(1)", "relative/path.md", "https://e.org/<tag>", "" };
    private static final String[] LANGUAGES = { "python", "java", "", "c++", "js", "\"><b>", "sh", "weird lang" };

    private final Random random;
    private final List<String> words = new ArrayList<>();

    MarkdownGenerator(Random random) {
        this.random = random;
    }

    /** Words in the order they appear in the Markdown. */
    List<String> words() {
        return words;
    }

    /** A document of about {@code targetLength} characters. */
    String document(int targetLength) {
        StringBuilder markdown = new StringBuilder();
        while (markdown.length() < targetLength) {
            if (!markdown.isEmpty()) {
                markdown.append("\n\n");
            }
            markdown.append(block(0));
        }
        return markdown.toString();
    }

    private String block(int depth) {
        int choice = random.nextInt(depth > 2 ? 6 : 13);
        return switch (choice) {
            case 0, 1, 2 -> paragraph();
            case 3 -> "#".repeat(1 + random.nextInt(6)) + " " + inlines(1 + random.nextInt(6), 0);
            case 4 -> fencedCode();
            case 5 -> "---";
            case 6 -> indent(block(depth + 1), "> ", "> ");
            case 7 -> list(depth, false);
            case 8 -> list(depth, true);
            case 9 -> table();
            case 10 -> "    " + codeLine(30).replace("\n", "\n    ");
            case 11 -> "<div class=\"x\">\n" + inlines(3, 0) + "\n</div>";
            default -> longLine();
        };
    }

    private String paragraph() {
        StringBuilder text = new StringBuilder(inlines(3 + random.nextInt(20), 0));
        int lines = random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            text.append(random.nextBoolean() ? "\n" : random.nextBoolean() ? "  \n" : "\\\n");
            text.append(word()).append(' ').append(inlines(1 + random.nextInt(8), 0));
        }
        return text.toString();
    }

    private String longLine() {
        String word = WORDS[random.nextInt(WORDS.length)];
        int repeats = 200 + random.nextInt(1500);
        StringBuilder line = new StringBuilder();
        boolean spaces = random.nextBoolean();
        for (int i = 0; i < repeats; i++) {
            line.append(word);
            if (spaces) {
                line.append(' ');
            }
        }
        // the renderer must show every repetition; one record of the word checks they are in order
        words.add(word);
        return line.toString().strip();
    }

    private String inlines(int count, int depth) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(inline(depth));
        }
        return text.toString();
    }

    private String inline(int depth) {
        int choice = random.nextInt(depth > 2 ? 3 : 14);
        return switch (choice) {
            case 0, 1 -> word();
            case 2 -> String.valueOf(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
            case 3 -> "**" + inlines(1 + random.nextInt(3), depth + 1) + "**";
            case 4 -> "*" + inlines(1 + random.nextInt(3), depth + 1) + "*";
            case 5 -> "_" + word() + "_";
            // starting with a word: "~~~~" at the start of a line would open a code fence
            case 6 -> "~~" + word() + (random.nextBoolean() ? "" : " " + inlines(1 + random.nextInt(2), depth + 1)) + "~~";
            case 7 -> codeSpan();
            case 8 -> "[" + inlines(1 + random.nextInt(3), depth + 1) + "](" + url() + ")";
            case 9 -> "![" + word() + "](" + url() + ")";
            case 10 -> "<span class=\"a\">" + word() + "</span>";
            case 11 -> "<b>" + word() + "</b>";
            case 12 -> "&amp; &lt;" + word() + "&gt;";
            default -> word();
        };
    }

    private String codeSpan() {
        String content = word() + " " + SPECIALS.replace("`", "") + " " + word();
        return random.nextBoolean() ? "`" + content + "`" : "`` a`b " + content + " ``";
    }

    private String url() {
        String url = URLS[random.nextInt(URLS.length)];
        return url.contains(" ") || url.contains("<") ? "<" + url.replace("<", "%3C").replace(">", "%3E") + ">" : url;
    }

    private String word() {
        String word = WORDS[random.nextInt(WORDS.length)];
        words.add(word);
        return word;
    }

    private String codeLine(int maxTokens) {
        StringBuilder code = new StringBuilder();
        int tokens = 1 + random.nextInt(maxTokens);
        for (int i = 0; i < tokens; i++) {
            int choice = random.nextInt(6);
            if (choice == 0) {
                code.append(word());
            } else if (choice == 1) {
                code.append('\n');
            } else {
                code.append(SPECIALS.charAt(random.nextInt(SPECIALS.length())));
            }
            code.append(random.nextInt(4) == 0 ? "" : " ");
        }
        // a run of backticks or tildes could close the fence early; that is Markdown, not a renderer bug
        return code.toString().replaceAll("`{3,}", "``").replaceAll("~{3,}", "~~").replaceAll("(?m)^\\s+$", "").strip()
                + " " + word();
    }

    private String fencedCode() {
        String language = LANGUAGES[random.nextInt(LANGUAGES.length)];
        return "```" + language + "\n" + codeLine(60) + "\n```";
    }

    private String list(int depth, boolean ordered) {
        int start = random.nextInt(12);
        int items = 1 + random.nextInt(4);
        boolean loose = random.nextInt(4) == 0;
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                list.append(loose ? "\n\n" : "\n");
            }
            String marker = ordered ? (start + i) + ". " : "- ";
            String content = random.nextInt(4) == 0 ? list(depth + 1, random.nextBoolean()) : paragraphLine(depth);
            list.append(indent(content, marker, " ".repeat(marker.length())));
        }
        return list.toString();
    }

    private String paragraphLine(int depth) {
        return random.nextInt(6) == 0 && depth < 2 ? word() + "\n\n" + block(depth + 1) : inlines(1 + random.nextInt(6), 0);
    }

    private String table() {
        int columns = 1 + random.nextInt(4);
        StringBuilder table = new StringBuilder();
        table.append(row(columns)).append('\n');
        for (int c = 0; c < columns; c++) {
            table.append(c == 0 ? "|" : "").append(new String[] { "---", ":--", "--:", ":-:" }[random.nextInt(4)])
                    .append('|');
        }
        int rows = random.nextInt(5);
        for (int r = 0; r < rows; r++) {
            table.append('\n').append(row(columns));
        }
        return table.toString();
    }

    private String row(int columns) {
        StringBuilder row = new StringBuilder("|");
        for (int c = 0; c < columns; c++) {
            // a bare pipe would add a cell, and GFM drops cells beyond the header's count
            String cell = random.nextBoolean() ? word() : inlines(1 + random.nextInt(3), 2).replace("|", "\\|");
            row.append(' ').append(cell).append(" |");
        }
        return row.toString();
    }

    private static String indent(String block, String first, String rest) {
        StringBuilder out = new StringBuilder(first);
        String[] lines = block.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n').append(lines[i].isEmpty() ? rest.strip() : rest);
            }
            out.append(lines[i]);
        }
        return out.toString();
    }
}
