package io.github.telegrammcp.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits the keys of one table in a TOML file as text (enough for Codex's {@code [mcp_servers.NAME]}), keeping every
 * other line and comment.
 */
final class TomlText {

    private static final Pattern HEADER = Pattern.compile("^\\s*\\[\\s*([^\\[\\]]+?)\\s*\\]\\s*(#.*)?$");
    private static final Pattern KEY = Pattern.compile("^\\s*([A-Za-z0-9_\"'.-]+?)\\s*=\\s*(.*?)\\s*$");

    private TomlText() {
    }

    /** The raw value text of the keys in table {@code table} (dotted name), empty when the table is absent. */
    static Optional<Map<String, String>> table(String text, String table) {
        List<String> lines = lines(text);
        int header = findHeader(lines, table);
        if (header < 0) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = header + 1; i < lines.size() && !isHeader(lines.get(i)); i++) {
            Matcher m = KEY.matcher(stripComment(lines.get(i)));
            if (m.matches()) {
                values.put(unquote(m.group(1)), m.group(2));
            }
        }
        return Optional.of(values);
    }

    /**
     * Sets keys of a table to raw TOML values (already quoted as needed), adding the table at the end when absent.
     */
    static String set(String text, String table, Map<String, String> values) {
        List<String> lines = lines(text);
        int header = findHeader(lines, table);
        if (header < 0) {
            List<String> out = new ArrayList<>(lines);
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                out.remove(out.size() - 1);
            }
            if (!out.isEmpty()) {
                out.add("");
            }
            out.add("[" + table + "]");
            values.forEach((key, value) -> out.add(key + " = " + value));
            return String.join("\n", out) + "\n";
        }
        Map<String, String> pending = new LinkedHashMap<>(values);
        int end = header + 1;
        int lastKey = header;
        while (end < lines.size() && !isHeader(lines.get(end))) {
            Matcher m = KEY.matcher(stripComment(lines.get(end)));
            if (m.matches()) {
                String key = unquote(m.group(1));
                if (pending.containsKey(key)) {
                    String comment = commentOf(lines.get(end));
                    lines.set(end, key + " = " + pending.remove(key) + comment);
                }
                lastKey = end;
            }
            end++;
        }
        List<String> added = new ArrayList<>();
        pending.forEach((key, value) -> added.add(key + " = " + value));
        lines.addAll(lastKey + 1, added);
        String joined = String.join("\n", lines);
        return joined.endsWith("\n") ? joined : joined + "\n";
    }

    /** A TOML basic string. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The text of a basic or literal string value, or the raw text when it is not a string. */
    static String unquoteValue(String raw) {
        String value = raw.trim();
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return value;
    }

    private static int findHeader(List<String> lines, String table) {
        String wanted = normalizeTable(table);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = HEADER.matcher(lines.get(i));
            if (m.matches() && normalizeTable(m.group(1)).equals(wanted)) {
                return i;
            }
        }
        return -1;
    }

    private static String normalizeTable(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("\\.")) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(unquote(part.trim()));
        }
        return sb.toString();
    }

    private static boolean isHeader(String line) {
        return line.stripLeading().startsWith("[");
    }

    private static String unquote(String key) {
        if (key.length() >= 2 && (key.startsWith("\"") && key.endsWith("\"") || key.startsWith("'") && key.endsWith("'"))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }

    private static String stripComment(String line) {
        int hash = commentStart(line);
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static String commentOf(String line) {
        int hash = commentStart(line);
        return hash < 0 ? "" : " " + line.substring(hash);
    }

    private static int commentStart(String line) {
        boolean inBasic = false;
        boolean inLiteral = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inBasic && c == '\\') {
                i++;
            } else if (c == '"' && !inLiteral) {
                inBasic = !inBasic;
            } else if (c == '\'' && !inBasic) {
                inLiteral = !inLiteral;
            } else if (c == '#' && !inBasic && !inLiteral) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
