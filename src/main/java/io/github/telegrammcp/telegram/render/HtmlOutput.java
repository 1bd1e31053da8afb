package io.github.telegrammcp.telegram.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds block-structured Telegram HTML: blank-line separation between blocks, indentation of continuation lines, and
 * opening tags that are only written once something visible follows them, so no element is ever empty.
 */
final class HtmlOutput {

    private final StringBuilder html = new StringBuilder();
    private final List<String> indents = new ArrayList<>();
    private final List<String> pendingOpenTags = new ArrayList<>();
    private String indent = "";
    private int pendingNewlines;
    private boolean atLineStart = true;
    private boolean started;

    /** Asks for {@code newlines} line breaks before the next content; the outermost block to end decides, so it wins. */
    void separate(int newlines) {
        pendingNewlines = newlines;
    }

    void pushIndent(String prefix) {
        indents.add(prefix);
        indent = String.join("", indents);
    }

    void popIndent() {
        indents.remove(indents.size() - 1);
        indent = String.join("", indents);
    }

    /** Opens an element; it is written lazily, right before the next visible content. */
    void open(String tag) {
        pendingOpenTags.add(tag);
    }

    /** Closes the innermost element; an element that received no content is dropped instead of left empty. */
    void close(String closingTag) {
        if (!pendingOpenTags.isEmpty()) {
            pendingOpenTags.remove(pendingOpenTags.size() - 1);
        } else {
            html.append(closingTag);
        }
    }

    /** True when the innermost element opened has received no content yet. */
    boolean innermostIsEmpty() {
        return !pendingOpenTags.isEmpty();
    }

    /** Appends text that is shown literally; its line breaks start indented lines. */
    void text(String text) {
        int start = 0;
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (i > start) {
                    beforeContent(true);
                    html.append(Html.escape(text.substring(start, i)));
                }
                lineBreak();
                start = i + 1;
            }
        }
        if (start < text.length()) {
            beforeContent(true);
            html.append(Html.escape(text.substring(start)));
        }
    }

    /** A line break inside a block (soft or hard break in Markdown). */
    void lineBreak() {
        // no indentation on a line that holds nothing else: it would only be trailing whitespace
        beforeContent(false);
        html.append('\n');
        atLineStart = true;
    }

    /**
     * Appends a preformatted element: its body is escaped and written verbatim, without indentation, because
     * indentation inside a code block would change the code.
     */
    void preformatted(String openTags, String body, String closeTags) {
        beforeContent(false);
        html.append(openTags).append(Html.escape(body)).append(closeTags);
    }

    private void beforeContent(boolean indentLine) {
        if (started && pendingNewlines > 0) {
            html.append("\n".repeat(pendingNewlines));
            atLineStart = true;
        }
        pendingNewlines = 0;
        if (atLineStart && indentLine) {
            html.append(indent);
        }
        atLineStart = false;
        started = true;
        for (String tag : pendingOpenTags) {
            html.append(tag);
        }
        pendingOpenTags.clear();
    }

    String result() {
        return html.toString().stripTrailing();
    }
}
