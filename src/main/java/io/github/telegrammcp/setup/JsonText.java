package io.github.telegrammcp.setup;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Edits one member of a JSON settings file as text, so that every other byte (order, layout, comments that some
 * clients allow) stays as the user left it.
 */
final class JsonText {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_TRAILING_COMMA)
            .build();

    private JsonText() {
    }

    /** Parses the text (blank means an empty object). */
    static JsonNode parse(String text) throws JsonProcessingException {
        if (text.isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode node = MAPPER.readTree(text);
        if (node == null || !node.isObject()) {
            throw new JsonProcessingException("the top level is not a JSON object") {
            };
        }
        return node;
    }

    /** The node at a path of member names, or a missing node. */
    static JsonNode at(JsonNode root, String... path) {
        JsonNode node = root;
        for (String name : path) {
            node = node.path(name);
        }
        return node == null ? MissingNode.getInstance() : node;
    }

    /** Sets the member at {@code path} to {@code value}, creating the objects on the way. */
    static String set(String text, JsonNode value, String... path) throws JsonProcessingException {
        parse(text);
        String source = text.isBlank() ? "{}\n" : text;
        Scanner scanner = new Scanner(source);
        int objectStart = scanner.skipSpace(0);
        String indent = "";
        for (int depth = 0; depth < path.length; depth++) {
            Member member = scanner.findMember(objectStart, path[depth]);
            boolean last = depth == path.length - 1;
            if (member == null) {
                JsonNode inserted = value;
                for (int i = path.length - 1; i > depth; i--) {
                    inserted = MAPPER.createObjectNode().set(path[i], inserted);
                }
                return scanner.insertMember(objectStart, indent, path[depth], inserted);
            }
            if (last || source.charAt(member.valueStart) != '{') {
                JsonNode replacement = value;
                for (int i = path.length - 1; i > depth; i--) {
                    replacement = MAPPER.createObjectNode().set(path[i], replacement);
                }
                String memberIndent = scanner.lineIndent(member.keyStart);
                return source.substring(0, member.valueStart) + write(replacement, memberIndent)
                        + source.substring(member.valueEnd);
            }
            indent = scanner.lineIndent(member.keyStart);
            objectStart = member.valueStart;
        }
        throw new IllegalArgumentException("empty path");
    }

    /** Writes a value in the usual two-space layout, continuation lines prefixed with {@code indent}. */
    static String write(JsonNode node, String indent) {
        StringBuilder sb = new StringBuilder();
        write(node, indent, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, String indent, StringBuilder sb) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append("{\n");
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                sb.append(indent).append("  ").append(quote(field.getKey())).append(": ");
                write(field.getValue(), indent + "  ", sb);
                sb.append(fields.hasNext() ? ",\n" : "\n");
            }
            sb.append(indent).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                sb.append(indent).append("  ");
                write(node.get(i), indent + "  ", sb);
                sb.append(i < node.size() - 1 ? ",\n" : "\n");
            }
            sb.append(indent).append(']');
        } else {
            sb.append(node.toString());
        }
    }

    private static String quote(String text) {
        return MAPPER.getNodeFactory().textNode(text).toString();
    }

    private record Member(int keyStart, int valueStart, int valueEnd) {
    }

    /** A minimal JSON scanner that knows where values start and end, skipping comments. */
    private static final class Scanner {
        private final String s;

        Scanner(String s) {
            this.s = s;
        }

        int skipSpace(int i) {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (s.startsWith("//", i)) {
                    int end = s.indexOf('\n', i);
                    i = end < 0 ? s.length() : end + 1;
                } else if (s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    i = end < 0 ? s.length() : end + 2;
                } else {
                    break;
                }
            }
            return i;
        }

        int skipString(int i) {
            i++;
            while (s.charAt(i) != '"') {
                i += s.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }

        int skipValue(int i) {
            char c = s.charAt(i);
            if (c == '"') {
                return skipString(i);
            }
            if (c == '{' || c == '[') {
                char close = c == '{' ? '}' : ']';
                i = skipSpace(i + 1);
                while (s.charAt(i) != close) {
                    if (c == '{') {
                        i = skipSpace(skipString(i));
                        i = skipSpace(i + 1);
                    }
                    i = skipSpace(skipValue(i));
                    if (s.charAt(i) == ',') {
                        i = skipSpace(i + 1);
                    }
                }
                return i + 1;
            }
            while (i < s.length() && ",}] \t\r\n/".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            return i;
        }

        /** Members of the object at {@code objectStart}, by key. */
        Member findMember(int objectStart, String name) throws JsonProcessingException {
            int i = skipSpace(objectStart + 1);
            while (s.charAt(i) != '}') {
                int keyStart = i;
                int keyEnd = skipString(i);
                String key = MAPPER.readValue(s.substring(keyStart, keyEnd), String.class);
                i = skipSpace(keyEnd);
                i = skipSpace(i + 1);
                int valueStart = i;
                int valueEnd = skipValue(i);
                if (key.equals(name)) {
                    return new Member(keyStart, valueStart, valueEnd);
                }
                i = skipSpace(valueEnd);
                if (s.charAt(i) == ',') {
                    i = skipSpace(i + 1);
                }
            }
            return null;
        }

        /** Appends a member to the object at {@code objectStart}, in the indentation of its existing members. */
        String insertMember(int objectStart, String parentIndent, String name, JsonNode value) {
            List<Integer> ends = new ArrayList<>();
            int i = skipSpace(objectStart + 1);
            String memberIndent = null;
            while (s.charAt(i) != '}') {
                if (memberIndent == null) {
                    memberIndent = lineIndent(i);
                }
                i = skipSpace(skipString(i));
                i = skipSpace(i + 1);
                int end = skipValue(i);
                ends.add(end);
                i = skipSpace(end);
                if (s.charAt(i) == ',') {
                    ends.set(ends.size() - 1, i + 1);
                    i = skipSpace(i + 1);
                }
            }
            int close = i;
            if (memberIndent == null || memberIndent.length() <= parentIndent.length()) {
                memberIndent = parentIndent + "  ";
            }
            String member = memberIndent + quote(name) + ": " + write(value, memberIndent);
            if (ends.isEmpty()) {
                return s.substring(0, objectStart + 1) + "\n" + member + "\n" + parentIndent + s.substring(close);
            }
            int lastEnd = ends.get(ends.size() - 1);
            boolean hasComma = s.charAt(lastEnd - 1) == ',';
            // A trailing comma (allowed by some clients) already separates the new member.
            return s.substring(0, lastEnd) + (hasComma ? "" : ",") + "\n" + member + s.substring(lastEnd);
        }

        /** The whitespace before position {@code i} on its line, or empty when other text precedes it. */
        String lineIndent(int i) {
            int start = s.lastIndexOf('\n', i - 1) + 1;
            String prefix = s.substring(start, i);
            return prefix.isBlank() ? prefix : "";
        }
    }
}
