package io.github.telegrammcp.hook;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.github.telegrammcp.approval.SessionGrants;

/**
 * What a client's permission hook hands over on stdin: Claude Code's and Codex's {@code PermissionRequest} input
 * ({@code tool_name}, {@code tool_input}, {@code session_id}, {@code cwd}; Claude Code adds
 * {@code permission_suggestions}, Codex adds {@code turn_id} and {@code model}).
 *
 * @param client which client asked
 * @param toolName the tool
 * @param toolInput its input (an object)
 * @param description the call's description ({@code tool_input.description}), or null
 * @param clientSessionId the client's own session id, or null
 * @param cwd the client's working directory, or null
 * @param transcriptPath the session's transcript file, or null
 * @param grants what "Allow for this session" may grant in the client
 */
record HookInput(Client client, String toolName, JsonNode toolInput, String description, String clientSessionId,
        String cwd, String transcriptPath, SessionGrants grants) {

    /** The clients whose hooks this reads. */
    enum Client {
        CLAUDE("Claude Code"), CODEX("Codex");

        final String displayName;

        Client(String displayName) {
            this.displayName = displayName;
        }
    }

    /** Reads a hook's input; empty (with the reason) when it is not a permission request this server can answer. */
    static Result parse(JsonNode json) {
        if (json == null || !json.isObject()) {
            return Result.refused("the input is not a JSON object");
        }
        String event = json.path("hook_event_name").asText("");
        if (!event.equals("PermissionRequest")) {
            return Result.refused("it is a " + (event.isEmpty() ? "hook event without a name" : event + " event")
                    + ", not PermissionRequest (install it as a PermissionRequest hook)");
        }
        String tool = json.path("tool_name").asText("");
        if (tool.isBlank()) {
            return Result.refused("it names no tool_name");
        }
        Client client = json.has("turn_id") || json.has("model") && !json.has("permission_suggestions") ? Client.CODEX
                : Client.CLAUDE;
        JsonNode input = json.path("tool_input").isObject() ? json.path("tool_input")
                : JsonNodeFactory.instance.objectNode();
        String description = input.path("description").isTextual() ? input.path("description").asText() : null;
        SessionGrants grants = client == Client.CLAUDE ? SessionGrants.fromSuggestions(json.path("permission_suggestions"))
                : SessionGrants.none();
        return new Result(Optional.of(new HookInput(client, tool, input, description, text(json, "session_id"),
                text(json, "cwd"), text(json, "transcript_path"), grants)), null);
    }

    private static String text(JsonNode json, String field) {
        return json.path(field).isTextual() && !json.path(field).asText().isBlank() ? json.path(field).asText() : null;
    }

    /** A parsed input, or why there is none. */
    record Result(Optional<HookInput> input, String refusal) {
        static Result refused(String why) {
            return new Result(Optional.empty(), why);
        }
    }
}
