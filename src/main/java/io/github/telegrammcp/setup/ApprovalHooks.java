package io.github.telegrammcp.setup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code PermissionRequest} hook entry that sends a client's permission prompts to the owner's phone, in the hooks
 * format Claude Code ({@code hooks} in its settings) and Codex ({@code hooks.json}) share:
 * {@code {"hooks": {"PermissionRequest": [{"matcher": ..., "hooks": [{"type": "command", "command": ..., "timeout": s}]}]}}}.
 * Installing is idempotent and removing takes out only this server's entry; every other hook stays as it was.
 */
final class ApprovalHooks {

    /** What the hook runs after the launcher. */
    static final String ARGUMENTS = "hook permission";
    /** Seconds the client gives the hook beyond the prompt's own timeout, so the prompt ends first. */
    static final long TIMEOUT_MARGIN_SECONDS = 60;

    private ApprovalHooks() {
    }

    /** The shell command of the hook: the launcher, quoted for {@code sh}, then {@code hook permission}. */
    static String command(List<String> launcher) {
        return launcher.stream().map(ApprovalHooks::shellQuote).collect(Collectors.joining(" ")) + " " + ARGUMENTS;
    }

    /** True for a hook command of this server (whichever launcher path it names). */
    static boolean isOurs(JsonNode hook) {
        String command = hook.path("command").asText("");
        return command.endsWith(" " + ARGUMENTS);
    }

    /** True when the file has a hook entry of this server. */
    static boolean installed(JsonNode root) {
        return state(root, "", 0) != State.ABSENT;
    }

    /** Where our entry stands in a file: absent, right, or there but different (another path or timeout). */
    enum State {
        ABSENT, RIGHT, DIFFERENT
    }

    static State state(JsonNode root, String command, long timeoutSeconds) {
        boolean found = false;
        for (JsonNode group : root.path("hooks").path("PermissionRequest")) {
            for (JsonNode hook : group.path("hooks")) {
                if (isOurs(hook)) {
                    found = true;
                    if (command.equals(hook.path("command").asText()) && hook.path("timeout").asLong() == timeoutSeconds
                            && "command".equals(hook.path("type").asText())) {
                        return State.RIGHT;
                    }
                }
            }
        }
        return found ? State.DIFFERENT : State.ABSENT;
    }

    /**
     * Puts our entry into the file (replacing an earlier one of ours), or takes it out; true when the file changed.
     *
     * @param matcher the group's tool matcher, or null for none (all tools)
     */
    static boolean write(Path file, boolean install, String command, long timeoutSeconds, String matcher)
            throws IOException {
        JsonNode root = JsonClientFile.load(file);
        State before = state(root, command, timeoutSeconds);
        if (install ? before == State.RIGHT : before == State.ABSENT) {
            return false;
        }
        ArrayNode groups = JsonText.MAPPER.createArrayNode();
        for (JsonNode group : root.path("hooks").path("PermissionRequest")) {
            ArrayNode others = JsonText.MAPPER.createArrayNode();
            group.path("hooks").forEach(hook -> {
                if (!isOurs(hook)) {
                    others.add(hook);
                }
            });
            if (!others.isEmpty()) {
                groups.add(((ObjectNode) group.deepCopy()).set("hooks", others));
            }
        }
        if (install) {
            ObjectNode group = JsonText.MAPPER.createObjectNode();
            if (matcher != null) {
                group.put("matcher", matcher);
            }
            ObjectNode hook = JsonText.MAPPER.createObjectNode().put("type", "command").put("command", command)
                    .put("timeout", timeoutSeconds);
            group.set("hooks", JsonText.MAPPER.createArrayNode().add(hook));
            groups.add(group);
        }
        Map<List<String>, JsonNode> members = new LinkedHashMap<>();
        members.put(List.of("hooks", "PermissionRequest"), groups);
        return JsonClientFile.set(file, members);
    }

    /** Adds (or removes) one entry of a string array member, keeping the others; true when the file changed. */
    static boolean arrayEntry(Path file, List<String> path, String value, boolean present) throws IOException {
        JsonNode current = JsonText.at(JsonClientFile.load(file), path.toArray(String[]::new));
        ArrayNode values = JsonText.MAPPER.createArrayNode();
        boolean had = false;
        for (JsonNode item : current) {
            if (value.equals(item.asText(null))) {
                had = true;
                if (!present) {
                    continue;
                }
            }
            values.add(item);
        }
        if (had == present) {
            return false;
        }
        if (present) {
            values.add(value);
        }
        Map<List<String>, JsonNode> members = new LinkedHashMap<>();
        members.put(path, values);
        return JsonClientFile.set(file, members);
    }

    /** True when a string array member holds the value. */
    static boolean hasArrayEntry(JsonNode root, List<String> path, String value) {
        for (JsonNode item : JsonText.at(root, path.toArray(String[]::new))) {
            if (value.equals(item.asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** Single-quotes a word for {@code sh} when it needs it. */
    static String shellQuote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
