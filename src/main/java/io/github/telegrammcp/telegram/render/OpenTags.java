package io.github.telegrammcp.telegram.render;

import java.util.ArrayList;
import java.util.List;

/** The stack of open elements at some point of a token stream, with the length of the tags that close them. */
final class OpenTags {

    private final List<Integer> openTokens;
    private int closingLength;

    OpenTags() {
        this(new ArrayList<>(), 0);
    }

    private OpenTags(List<Integer> openTokens, int closingLength) {
        this.openTokens = openTokens;
        this.closingLength = closingLength;
    }

    OpenTags copy() {
        return new OpenTags(new ArrayList<>(openTokens), closingLength);
    }

    /** Applies tokens {@code from} (inclusive) to {@code to} (exclusive); input is balanced after normalization. */
    void advance(HtmlTokens tokens, int from, int to) {
        for (int t = from; t < to; t++) {
            if (tokens.kind[t] == HtmlTokens.OPEN) {
                openTokens.add(t);
                closingLength += HtmlTokens.closingTag(tokens.name[t]).length();
            } else if (tokens.kind[t] == HtmlTokens.CLOSE && !openTokens.isEmpty()) {
                int open = openTokens.remove(openTokens.size() - 1);
                closingLength -= HtmlTokens.closingTag(tokens.name[open]).length();
            }
        }
    }

    String openingTags(HtmlTokens tokens) {
        StringBuilder tags = new StringBuilder();
        for (int t : openTokens) {
            tags.append(tokens.text(t));
        }
        return tags.toString();
    }

    String closingTags(HtmlTokens tokens) {
        StringBuilder tags = new StringBuilder();
        for (int i = openTokens.size() - 1; i >= 0; i--) {
            tags.append(HtmlTokens.closingTag(tokens.name[openTokens.get(i)]));
        }
        return tags.toString();
    }

    int closingLength() {
        return closingLength;
    }
}
