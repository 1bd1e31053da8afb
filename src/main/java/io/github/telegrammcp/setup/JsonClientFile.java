package io.github.telegrammcp.setup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/** Reading and member-wise editing of a client's JSON settings file. */
final class JsonClientFile {

    private JsonClientFile() {
    }

    static JsonNode load(Path file) throws IOException {
        String text = SafeFiles.read(file).orElse("");
        try {
            return JsonText.parse(text);
        } catch (JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); fix or move it, then run the setup again");
        }
    }

    /** Sets each member (path to value) in order and writes the file once if anything changed. */
    static boolean set(Path file, Map<List<String>, JsonNode> members) throws IOException {
        String text = SafeFiles.read(file).orElse("");
        load(file);
        for (Map.Entry<List<String>, JsonNode> member : members.entrySet()) {
            text = JsonText.set(text, member.getValue(), member.getKey().toArray(String[]::new));
        }
        return SafeFiles.write(file, text, SafeFiles.PRIVATE, false);
    }

    static ArrayNode array(List<String> values) {
        ArrayNode array = JsonText.MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** True when {@code node} is an array of exactly these strings (a missing node counts as empty). */
    static boolean sameArgs(JsonNode node, List<String> args) {
        if (node.isMissingNode() || node.isNull()) {
            return args.isEmpty();
        }
        if (!node.isArray() || node.size() != args.size()) {
            return false;
        }
        for (int i = 0; i < args.size(); i++) {
            if (!args.get(i).equals(node.get(i).asText())) {
                return false;
            }
        }
        return true;
    }

    static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
}
