package io.github.telegrammcp.telegram.render;

import org.commonmark.node.Code;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** The text a reader sees in an inline Markdown subtree, for places that cannot hold markup. */
final class PlainText {

    private PlainText() {
    }

    /**
     * Concatenates the literal text under {@code node}; line breaks become spaces, and a link's target follows its
     * text in parentheses, since it could not be a link here.
     */
    static String of(Node node) {
        StringBuilder text = new StringBuilder();
        append(node, text);
        return text.toString();
    }

    private static void append(Node node, StringBuilder text) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text t) {
                text.append(t.getLiteral());
            } else if (child instanceof Code c) {
                text.append(c.getLiteral());
            } else if (child instanceof HtmlInline h) {
                text.append(h.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                text.append(' ');
            } else if (child instanceof Link link) {
                int before = text.length();
                append(child, text);
                appendTarget(text, text.substring(before), link.getDestination());
            } else {
                append(child, text);
            }
        }
    }

    private static void appendTarget(StringBuilder text, String label, String destination) {
        if (destination.isBlank() || label.equals(destination)) {
            return;
        }
        text.append(label.isEmpty() ? destination : " (" + destination + ")");
    }
}
