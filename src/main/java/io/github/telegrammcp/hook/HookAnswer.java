package io.github.telegrammcp.hook;

import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.telegrammcp.approval.Decision;

/**
 * The hook's answer on stdout, in the {@code PermissionRequest} format both Claude Code and Codex read:
 * {@code {"hookSpecificOutput":{"hookEventName":"PermissionRequest","decision":{"behavior":"allow"|"deny",...}}}}.
 * Claude Code also takes {@code updatedPermissions} ("Allow for this session"); Codex refuses the whole answer when it
 * has that member, so Codex gets none and this server remembers the grant instead. No decision (nobody answered in
 * time, or the prompt could not be sent) prints nothing, and the client asks in its terminal as usual.
 */
final class HookAnswer {

    private HookAnswer() {
    }

    /** The JSON to print, or empty to print nothing. */
    static Optional<String> of(Decision decision, HookInput.Client client) {
        ObjectNode choice = JsonNodeFactory.instance.objectNode();
        switch (decision.verdict()) {
            case ALLOW, ALLOW_SESSION -> {
                choice.put("behavior", "allow");
                if (client == HookInput.Client.CLAUDE && !decision.grants().isEmpty()) {
                    choice.set("updatedPermissions", decision.grants().updates());
                }
            }
            case DENY -> choice.put("behavior", "deny").put("message", Decision.DENIED);
            default -> {
                return Optional.empty();
            }
        }
        ObjectNode specific = JsonNodeFactory.instance.objectNode().put("hookEventName", "PermissionRequest");
        specific.set("decision", choice);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("hookSpecificOutput", specific);
        return Optional.of(root.toString());
    }
}
