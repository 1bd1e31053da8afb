package io.github.telegrammcp.telegram.render;

import java.util.List;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;

/**
 * Renders Markdown written by an assistant as HTML in the subset Telegram accepts with {@code parse_mode=HTML}.
 *
 * <p>
 * Bold, italic, strikethrough and inline code map to {@code b}, {@code i}, {@code s} and {@code code}; code blocks to
 * {@code <pre><code class="language-x">}; http(s), mailto and tg links to {@code <a href>} (other links show their
 * URL as text, images become links labelled with their alt text); headings become bold lines; the first level of a
 * block quote becomes {@code <blockquote>} (Telegram cannot nest them, deeper levels get a bar); lists, rules and
 * tables become plain or preformatted text. Raw HTML in the Markdown is shown as text, never passed through.
 */
public final class MarkdownRenderer {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(),
            StrikethroughExtension.create());
    // Parser instances are immutable and safe to share between threads
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();

    private MarkdownRenderer() {
    }

    /**
     * Converts Markdown to Telegram HTML with trailing whitespace removed; {@code null} gives the empty string. Text
     * without Markdown comes back unchanged apart from escaping.
     */
    public static String toTelegramHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        try {
            return new TelegramHtmlVisitor().render(PARSER.parse(markdown));
        } catch (StackOverflowError tooDeep) {
            // thousands of nested quotes or lists exhaust the recursive parser or visitor; show the source instead
            return Html.escape(markdown.strip());
        }
    }
}
