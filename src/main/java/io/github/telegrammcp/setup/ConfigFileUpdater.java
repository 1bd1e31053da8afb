package io.github.telegrammcp.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sets keys in the user's {@code config.properties}, keeping every other line and comment; mode 0600. */
final class ConfigFileUpdater {

    private ConfigFileUpdater() {
    }

    /**
     * Sets each key to its value (a null value removes the key).
     *
     * @return true when the file changed
     */
    static boolean update(Path file, Map<String, String> values) throws IOException {
        String old = SafeFiles.read(file).orElse("");
        String updated = apply(old, values);
        boolean written = SafeFiles.write(file, updated, SafeFiles.PRIVATE, true);
        // The directory holds a secret too.
        if (written && file.getParent() != null) {
            try {
                Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException | IOException ignored) {
                // Not a POSIX file system or not our directory: the file's own mode still protects it.
            }
        }
        return written;
    }

    /** The new text: existing assignments replaced in place, new keys appended, duplicates of a set key dropped. */
    static String apply(String text, Map<String, String> values) {
        Map<String, String> pending = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
        boolean continuation = false;
        boolean skipping = false;
        for (String line : lines) {
            boolean thisContinues = endsWithOddBackslashes(line);
            if (continuation) {
                continuation = thisContinues;
                if (!skipping) {
                    out.add(line);
                }
                continue;
            }
            String key = keyOf(line);
            skipping = false;
            if (key != null && values.containsKey(key)) {
                skipping = true;
                if (pending.containsKey(key)) {
                    String value = pending.remove(key);
                    if (value != null) {
                        out.add(key + "=" + escape(value));
                    }
                }
            } else {
                out.add(line);
            }
            continuation = thisContinues;
        }
        // split keeps a trailing empty string for a final newline; append before it.
        boolean trailingNewline = !out.isEmpty() && out.get(out.size() - 1).isEmpty();
        if (trailingNewline) {
            out.remove(out.size() - 1);
        }
        if (out.isEmpty()) {
            out.add("# telegram-mcp-server settings (keys as environment variables; the environment wins). Keep private.");
        }
        pending.forEach((key, value) -> {
            if (value != null) {
                out.add(key + "=" + escape(value));
            }
        });
        return String.join("\n", out) + "\n";
    }

    private static String keyOf(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < trimmed.length()) {
            char c = trimmed.charAt(end);
            if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            }
            if (c == '\\') {
                end++;
            }
            end++;
        }
        return trimmed.substring(0, Math.min(end, trimmed.length()));
    }

    private static boolean endsWithOddBackslashes(String line) {
        int count = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            count++;
        }
        return count % 2 == 1;
    }

    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case ' ' -> sb.append(i == 0 ? "\\ " : " ");
                default -> {
                    if (c > 0x7e || c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
