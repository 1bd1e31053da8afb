package io.github.telegrammcp.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.telegrammcp.fake.BotApiTypes.MessageEntity;

/**
 * Parses text in Telegram's HTML parse mode the way the Bot API does (a byte-level port of the rules of tdlib's
 * parser, with its error messages and UTF-8 byte offsets), and returns the visible text and its entities.
 * <p>
 * One deliberate difference: the real parser silently keeps a stray {@code &} or an unknown entity such as
 * {@code &nbsp;} as literal text, while the Bot API documentation requires every {@code &} outside an entity to be
 * escaped. This validator enforces the documented rule, so code that passes here also renders correctly there.
 */
public final class TelegramHtmlValidator {

    private static final Set<String> SUPPORTED_TAGS = Set.of("a", "b", "strong", "i", "em", "s", "strike", "del", "u",
            "ins", "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote");

    /** Why a text is not valid Telegram HTML; the message reads like Telegram's own detail. */
    public static final class ParseException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ParseException(String message) {
            super(message);
        }
    }

    /** Visible text and the Bot API entities (UTF-16 offsets) of a parsed HTML text. */
    public record Parsed(String text, List<MessageEntity> entities) {
    }

    private final byte[] in;
    private final ByteSink out = new ByteSink();
    private final Deque<OpenTag> open = new ArrayDeque<>();
    private final List<MessageEntity> entities = new ArrayList<>();
    private int utf16Offset;
    private int i;

    private TelegramHtmlValidator(String html) {
        this.in = html.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the visible text of {@code html}, or throws {@link ParseException} as Telegram would refuse it. */
    public static String parse(String html) {
        return parseWithEntities(html).text();
    }

    /** Returns the visible text and entities of {@code html}, or throws {@link ParseException}. */
    public static Parsed parseWithEntities(String html) {
        return new TelegramHtmlValidator(html).run();
    }

    /** Returns the length in UTF-16 code units of the visible text, the unit of Telegram's length limits. */
    public static int visibleLength(String html) {
        return parse(html).length();
    }

    private record OpenTag(String name, String argument, int utf16Offset) {
    }

    private int at(int pos) {
        return pos < in.length ? in[pos] & 0xff : 0;
    }

    private Parsed run() {
        while (i < in.length) {
            int c = at(i);
            if (c == '&') {
                appendCodePoint(decodeEntityInText());
            } else if (c == '<') {
                if (at(i + 1) == '/') {
                    endTag();
                } else {
                    startTag();
                }
            } else {
                if ((c & 0xc0) != 0x80) {
                    utf16Offset += c >= 0xf0 ? 2 : 1;
                }
                out.add(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new ParseException(
                    "Can't find end tag corresponding to start tag \"" + open.peek().name() + "\"");
        }
        List<MessageEntity> sorted = new ArrayList<>();
        for (MessageEntity e : entities) {
            sorted.add("code".equals(e.type()) ? simple("code", e.offset(), e.length()) : e);
        }
        sorted.sort(Comparator.comparingInt(MessageEntity::offset)
                .thenComparing(Comparator.comparingInt(MessageEntity::length).reversed()));
        return new Parsed(new String(out.toArray(), StandardCharsets.UTF_8), List.copyOf(sorted));
    }

    private void appendCodePoint(int cp) {
        out.addAll(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        utf16Offset += Character.charCount(cp);
    }

    /** Decodes the entity at {@code i} (which holds '&') and advances past it; strict, see the class comment. */
    private int decodeEntityInText() {
        int begin = i;
        int cp = decodeEntity(begin);
        if (cp == -1) {
            int end = begin + 1;
            while (isAlpha(at(end))) {
                end++;
            }
            if (end > begin + 1 && at(end) == ';') {
                throw new ParseException("Unsupported HTML entity \"" + slice(begin, end + 1) + "\" at byte offset "
                        + begin + "; only &lt; &gt; &amp; &quot; and numeric entities are allowed");
            }
            throw new ParseException("Character entity expected at byte offset " + begin);
        }
        return cp;
    }

    /** Returns the code point of a complete entity at {@code pos} and moves {@code i} past it, or -1. */
    private int decodeEntity(int pos) {
        int end = pos + 1;
        long cp;
        if (at(end) == '#') {
            end++;
            boolean hex = at(end) == 'x' || at(end) == 'X';
            if (hex) {
                end++;
            }
            int digitsStart = end;
            cp = 0;
            while (hex ? isHexDigit(at(end)) : isDigit(at(end))) {
                cp = Math.min(cp * (hex ? 16 : 10) + Character.digit(at(end), 16), 0x7fffffffL);
                end++;
            }
            if (end == digitsStart || at(end) != ';') {
                return -1;
            }
            if (cp >= 0xd800 && cp <= 0xdfff) {
                throw new ParseException("Text contains invalid Unicode characters after decoding HTML entities, "
                        + "check for unmatched surrogate code units");
            }
            if (cp == 0 || cp > 0x10ffff) {
                return -1;
            }
        } else {
            while (isAlpha(at(end))) {
                end++;
            }
            if (at(end) != ';') {
                return -1;
            }
            switch (slice(pos + 1, end)) {
                case "lt" -> cp = '<';
                case "gt" -> cp = '>';
                case "amp" -> cp = '&';
                case "quot" -> cp = '"';
                default -> {
                    return -1;
                }
            }
        }
        i = end + 1;
        return (int) cp;
    }

    private void startTag() {
        int begin = i++;
        while (i < in.length && !isSpace(at(i)) && at(i) != '>') {
            i++;
        }
        if (i >= in.length) {
            throw new ParseException("Unclosed start tag at byte offset " + begin);
        }
        String tag = slice(begin + 1, i).toLowerCase(Locale.ROOT);
        if (!SUPPORTED_TAGS.contains(tag)) {
            throw new ParseException("Unsupported start tag \"" + tag + "\" at byte offset " + begin);
        }
        String argument = "";
        while (at(i) != '>') {
            while (i < in.length && isSpace(at(i))) {
                i++;
            }
            if (at(i) == '>') {
                break;
            }
            if (i >= in.length) {
                throw new ParseException("Unclosed start tag \"" + tag + "\" at byte offset " + begin);
            }
            int nameBegin = i;
            while (i < in.length && !isSpace(at(i)) && at(i) != '=' && at(i) != '>') {
                i++;
            }
            String attribute = slice(nameBegin, i).toLowerCase(Locale.ROOT);
            if (attribute.isEmpty()) {
                throw new ParseException("Empty attribute name in the tag \"" + tag + "\" at byte offset " + begin);
            }
            while (i < in.length && isSpace(at(i))) {
                i++;
            }
            if (at(i) != '=') {
                if (i >= in.length) {
                    throw new ParseException("Unclosed start tag \"" + tag + "\" at byte offset " + begin);
                }
                if (tag.equals("blockquote") && attribute.equals("expandable")) {
                    argument = "expandable";
                    continue;
                }
                throw new ParseException("Expected equal sign in declaration of an attribute of the tag \"" + tag
                        + "\" at byte offset " + begin);
            }
            i++;
            while (i < in.length && isSpace(at(i))) {
                i++;
            }
            if (i >= in.length) {
                throw new ParseException("Unclosed start tag \"" + tag + "\" at byte offset " + begin);
            }
            String value = attributeValue();
            if (i >= in.length) {
                throw new ParseException("Unclosed start tag at byte offset " + begin);
            }
            argument = argumentOf(tag, attribute, value, argument);
        }
        i++;
        checkStartTag(tag, argument, begin);
        open.push(new OpenTag(tag, argument, utf16Offset));
    }

    private String attributeValue() {
        int quote = at(i);
        if (quote != '"' && quote != '\'') {
            int tokenBegin = i;
            while (isAlpha(at(i)) || isDigit(at(i)) || at(i) == '.' || at(i) == '-') {
                i++;
            }
            if (i < in.length && !isSpace(at(i)) && at(i) != '>') {
                throw new ParseException("Unexpected end of name token at byte offset " + tokenBegin);
            }
            return slice(tokenBegin, i).toLowerCase(Locale.ROOT);
        }
        i++;
        ByteSink value = new ByteSink();
        while (i < in.length && at(i) != quote) {
            int cp = at(i) == '&' ? decodeEntity(i) : -1;
            if (cp == -1) {
                // Inside a quoted attribute Telegram keeps a stray '&' (common in URLs) as it is
                value.add(at(i++));
            } else {
                value.addAll(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
            }
        }
        if (at(i) == quote && i < in.length) {
            i++;
        }
        return new String(value.toArray(), StandardCharsets.UTF_8);
    }

    private static String argumentOf(String tag, String attribute, String value, String current) {
        if (tag.equals("a") && attribute.equals("href")) {
            return value;
        }
        if (tag.equals("code") && attribute.equals("class") && value.startsWith("language-")) {
            return value.substring("language-".length());
        }
        if (tag.equals("span") && attribute.equals("class") && value.startsWith("tg-")) {
            return value.substring("tg-".length());
        }
        if (tag.equals("tg-emoji") && attribute.equals("emoji-id")) {
            return value;
        }
        return current;
    }

    private static void checkStartTag(String tag, String argument, int begin) {
        if (tag.equals("span") && !argument.equals("spoiler")) {
            throw new ParseException("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + begin);
        }
        if (tag.equals("tg-emoji")) {
            long id;
            try {
                id = Long.parseLong(argument);
            } catch (NumberFormatException e) {
                id = 0;
            }
            if (id == 0) {
                throw new ParseException("Invalid custom emoji identifier specified");
            }
        }
    }

    private void endTag() {
        int begin = i;
        if (open.isEmpty()) {
            throw new ParseException("Unexpected end tag at byte offset " + begin);
        }
        i += 2;
        while (i < in.length && !isSpace(at(i)) && at(i) != '>') {
            i++;
        }
        String name = slice(begin + 2, i).toLowerCase(Locale.ROOT);
        while (i < in.length && isSpace(at(i))) {
            i++;
        }
        if (at(i) != '>') {
            throw new ParseException("Unclosed end tag at byte offset " + begin);
        }
        i++;
        OpenTag tag = open.pop();
        if (!name.isEmpty() && !name.equals(tag.name())) {
            throw new ParseException("Unmatched end tag at byte offset " + begin + ", expected \"</" + tag.name()
                    + ">\", found \"</" + name + ">\"");
        }
        if (utf16Offset > tag.utf16Offset()) {
            addEntity(tag, utf16Offset - tag.utf16Offset());
        }
    }

    private void addEntity(OpenTag tag, int length) {
        int offset = tag.utf16Offset();
        MessageEntity last = entities.isEmpty() ? null : entities.get(entities.size() - 1);
        boolean sameRange = last != null && last.offset() == offset && last.length() == length;
        switch (tag.name()) {
            case "b", "strong" -> entities.add(simple("bold", offset, length));
            case "i", "em" -> entities.add(simple("italic", offset, length));
            case "u", "ins" -> entities.add(simple("underline", offset, length));
            case "s", "strike", "del" -> entities.add(simple("strikethrough", offset, length));
            case "tg-spoiler", "span" -> entities.add(simple("spoiler", offset, length));
            case "blockquote" -> entities.add(simple(
                    tag.argument().isEmpty() ? "blockquote" : "expandable_blockquote", offset, length));
            case "tg-emoji" -> entities.add(
                    new MessageEntity("custom_emoji", offset, length, null, null, tag.argument()));
            case "a" -> {
                if (!tag.argument().isEmpty()) {
                    entities.add(new MessageEntity("text_link", offset, length, tag.argument(), null, null));
                }
            }
            case "code" -> {
                if (sameRange && last.type().equals("pre") && !tag.argument().isEmpty()) {
                    entities.set(entities.size() - 1,
                            new MessageEntity("pre", offset, length, null, tag.argument(), null));
                } else {
                    // the language is kept until the enclosing <pre> closes, then dropped from plain code
                    String language = tag.argument().isEmpty() ? null : tag.argument();
                    entities.add(new MessageEntity("code", offset, length, null, language, null));
                }
            }
            case "pre" -> {
                if (sameRange && last.type().equals("code") && last.language() != null) {
                    entities.set(entities.size() - 1,
                            new MessageEntity("pre", offset, length, null, last.language(), null));
                } else {
                    entities.add(simple("pre", offset, length));
                }
            }
            default -> throw new IllegalStateException("unhandled tag " + tag.name());
        }
    }

    private static MessageEntity simple(String type, int offset, int length) {
        return new MessageEntity(type, offset, length, null, null, null);
    }

    private String slice(int from, int to) {
        return new String(in, from, Math.max(0, Math.min(to, in.length) - from), StandardCharsets.UTF_8);
    }

    private static boolean isSpace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b;
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** A growable byte array, so offsets stay in UTF-8 bytes like Telegram's messages. */
    private static final class ByteSink {
        private byte[] bytes = new byte[64];
        private int size;

        void add(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = (byte) b;
        }

        void addAll(byte[] more) {
            for (byte b : more) {
                add(b);
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
