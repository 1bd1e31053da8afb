package io.github.telegrammcp.approval;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What "Allow for this session" grants in Claude Code, taken from the permission suggestions of its PermissionRequest
 * hook (the same choices its terminal dialog offers as "don't ask again"). Every grant is kept to the session
 * ({@code destination: session}): a press on the phone never rewrites a settings file. Only grants that widen what is
 * allowed in a bounded way pass: rules that allow, extra directories, and the {@code acceptEdits} mode; a suggestion to
 * bypass permissions, to deny or to remove rules is dropped.
 *
 * @param updates the {@code updatedPermissions} to answer with (an array, possibly empty)
 * @param described one line per grant, for the owner
 */
public record SessionGrants(ArrayNode updates, List<String> described) {

    /** No grant: "Allow for this session" then only means this server remembers the exact request. */
    public static SessionGrants none() {
        return new SessionGrants(JsonNodeFactory.instance.arrayNode(), List.of());
    }

    /** The grants among Claude Code's {@code permission_suggestions} (missing or not an array: none). */
    public static SessionGrants fromSuggestions(JsonNode suggestions) {
        ArrayNode updates = JsonNodeFactory.instance.arrayNode();
        List<String> described = new ArrayList<>();
        if (suggestions == null || !suggestions.isArray()) {
            return new SessionGrants(updates, described);
        }
        for (JsonNode suggestion : suggestions) {
            String type = suggestion.path("type").asText("");
            ObjectNode update = suggestion.isObject() ? ((ObjectNode) suggestion).deepCopy() : null;
            if (update == null) {
                continue;
            }
            switch (type) {
                case "addRules" -> {
                    if (!"allow".equals(suggestion.path("behavior").asText()) || !suggestion.path("rules").isArray()
                            || suggestion.path("rules").isEmpty()) {
                        continue;
                    }
                    for (JsonNode rule : suggestion.path("rules")) {
                        String tool = rule.path("toolName").asText("?");
                        String content = rule.path("ruleContent").asText("");
                        described.add(content.isEmpty() ? tool + " (every use)" : tool + "(" + content + ")");
                    }
                }
                case "addDirectories" -> {
                    if (!suggestion.path("directories").isArray() || suggestion.path("directories").isEmpty()) {
                        continue;
                    }
                    for (JsonNode dir : suggestion.path("directories")) {
                        described.add("access to " + dir.asText());
                    }
                }
                case "setMode" -> {
                    if (!"acceptEdits".equals(suggestion.path("mode").asText())) {
                        continue;
                    }
                    described.add("accept every file edit (acceptEdits mode)");
                }
                default -> {
                    continue;
                }
            }
            update.put("destination", "session");
            updates.add(update);
        }
        return new SessionGrants(updates, List.copyOf(described));
    }

    /** True when nothing is granted beyond the exact request. */
    public boolean isEmpty() {
        return updates.isEmpty();
    }
}
