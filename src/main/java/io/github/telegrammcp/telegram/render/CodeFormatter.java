package io.github.telegrammcp.telegram.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.github.telegrammcp.telegram.TelegramLimits;

/**
 * Formats code for Telegram as {@code <pre><code class="language-x">} messages, split at line boundaries and numbered
 * "Part i/n" when it needs more than one, or as a file when it would need more than {@link #MAX_MESSAGES} messages.
 */
public final class CodeFormatter {

    /** Most messages a piece of code (with its caption) may take before it is sent as a file instead. */
    public static final int MAX_MESSAGES = 3;
    /** Smallest message limit accepted, so that a header, the tags and some code always fit. */
    public static final int MIN_LIMIT = 256;

    private static final int MAX_LANGUAGE_LENGTH = 32;
    private static final String CLOSE = "</code></pre>";
    private static final String FILE_BASE_NAME = "snippet";
    private static final Map<String, String> EXTENSIONS = extensions();

    private CodeFormatter() {
    }

    /** Formats for Telegram's own limits: 4096 characters a message, 1024 a caption. */
    public static CodeMessage format(String code, String language, String captionMarkdown) {
        return format(code, language, captionMarkdown, TelegramLimits.TEXT_CHARACTERS,
                TelegramLimits.CAPTION_CHARACTERS);
    }

    /**
     * Formats {@code code} (with an optional Markdown caption, shown in the first message or on its own when long)
     * into messages of at most {@code maxChars}, or into a document whose caption is at most {@code maxCaptionChars}.
     *
     * @throws IllegalArgumentException if the code is empty or blank, or {@code maxChars} is below {@link #MIN_LIMIT}
     */
    public static CodeMessage format(String code, String language, String captionMarkdown, int maxChars,
            int maxCaptionChars) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("code is empty: pass the source text to send");
        }
        if (maxChars < MIN_LIMIT) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_LIMIT + ", was " + maxChars);
        }
        String caption = MarkdownRenderer.toTelegramHtml(captionMarkdown);
        String body = trimBlankLines(code.replace("\r\n", "\n").replace('\r', '\n'));
        String open = openPreCode(language);
        // escaping only lengthens text, so code this long can never fit in MAX_MESSAGES messages
        if (body.length() <= (long) maxChars * MAX_MESSAGES) {
            String single = (caption.isEmpty() ? "" : caption + "\n\n") + open + Html.escape(body) + CLOSE;
            if (single.length() <= maxChars) {
                return new CodeMessage.Messages(List.of(single));
            }
            List<String> messages = messages(body, open, caption, maxChars);
            if (messages.size() <= MAX_MESSAGES) {
                return new CodeMessage.Messages(messages);
            }
        }
        return document(code, language, caption, maxChars, maxCaptionChars);
    }

    private static List<String> messages(String body, String open, String caption, int maxChars) {
        List<String> messages = new ArrayList<>();
        int plainRoom = maxChars - open.length() - CLOSE.length();
        if (Html.escapedLength(body) <= plainRoom) {
            // the code fits one message but not with the caption: keep the code whole, caption first
            messages.addAll(HtmlSplitter.split(caption, maxChars));
            messages.add(open + Html.escape(body) + CLOSE);
            return messages;
        }
        boolean captionInside = !caption.isEmpty() && caption.length() <= maxChars / 4;
        if (!captionInside && !caption.isEmpty()) {
            messages.addAll(HtmlSplitter.split(caption, maxChars));
        }
        // "Part i/n" with one-digit numbers; more than nine parts is a document anyway
        int partRoom = plainRoom - header(1, 1).length();
        int firstRoom = partRoom - (captionInside ? caption.length() + 2 : 0);
        List<String> parts = CodeParts.pack(body, firstRoom, partRoom);
        for (int i = 0; i < parts.size(); i++) {
            String prefix = i == 0 && captionInside ? caption + "\n\n" : "";
            String header = parts.size() > 1 ? header(i + 1, parts.size()) : "";
            messages.add(prefix + header + open + parts.get(i) + CLOSE);
        }
        return messages;
    }

    private static String header(int part, int parts) {
        return "<b>Part " + part + "/" + parts + "</b>\n";
    }

    private static CodeMessage document(String code, String language, String caption, int maxChars,
            int maxCaptionChars) {
        byte[] utf8 = code.getBytes(StandardCharsets.UTF_8);
        if (caption.isEmpty()) {
            return new CodeMessage.AsDocument(fileName(language), utf8, null, List.of());
        }
        if (caption.length() <= maxCaptionChars) {
            return new CodeMessage.AsDocument(fileName(language), utf8, caption, List.of());
        }
        return new CodeMessage.AsDocument(fileName(language), utf8, null, HtmlSplitter.split(caption, maxChars));
    }

    /** A file name for code in {@code language}, such as {@code snippet.py}; unknown languages get {@code .txt}. */
    public static String fileName(String language) {
        return FILE_BASE_NAME + "." + extension(language);
    }

    /** The usual file extension (without dot) for {@code language}, case-insensitive; {@code txt} when unknown. */
    public static String extension(String language) {
        if (language == null) {
            return "txt";
        }
        return EXTENSIONS.getOrDefault(language.strip().toLowerCase(Locale.ROOT), "txt");
    }

    /** The opening tags of a code block; the class names the language only when one is given. */
    static String openPreCode(String language) {
        String clean = sanitizeLanguage(language);
        return clean.isEmpty() ? "<pre><code>" : "<pre><code class=\"language-" + clean + "\">";
    }

    /** Keeps only {@code [A-Za-z0-9_+-]}, lower-cased and bounded, so it can never break out of the attribute. */
    static String sanitizeLanguage(String language) {
        if (language == null) {
            return "";
        }
        String clean = language.strip().replaceAll("[^A-Za-z0-9_+\\-]", "").toLowerCase(Locale.ROOT);
        return clean.length() > MAX_LANGUAGE_LENGTH ? clean.substring(0, MAX_LANGUAGE_LENGTH) : clean;
    }

    /** Drops blank lines before and after the code and trailing whitespace; indentation of the first line stays. */
    private static String trimBlankLines(String code) {
        String trimmed = code.stripTrailing();
        int start = 0;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c == '\n') {
                start = i + 1;
            } else if (!Character.isWhitespace(c)) {
                break;
            }
        }
        return trimmed.substring(start);
    }

    private static Map<String, String> extensions() {
        Map<String, String> map = new HashMap<>();
        String[][] table = {
            { "py", "python", "py" }, { "java", "java" }, { "js", "javascript", "js" }, { "ts", "typescript", "ts" },
            { "sh", "bash", "sh", "shell" }, { "json", "json" }, { "yaml", "yaml", "yml" }, { "go", "go", "golang" },
            { "rs", "rust", "rs" }, { "kt", "kotlin", "kt" }, { "c", "c" }, { "cpp", "cpp", "c++" },
            { "cs", "csharp", "cs", "c#" }, { "rb", "ruby", "rb" }, { "php", "php" }, { "sql", "sql" },
            { "html", "html" }, { "css", "css" }, { "xml", "xml" }, { "md", "markdown", "md" }, { "diff", "diff" },
            { "toml", "toml" },
        };
        for (String[] row : table) {
            for (int i = 1; i < row.length; i++) {
                map.put(row[i], row[0]);
            }
        }
        return Map.copyOf(map);
    }
}
