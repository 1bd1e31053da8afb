package io.github.telegrammcp.approval;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A permission prompt to put to the owner: which session wants to use which tool with which input.
 *
 * @param origin where the prompt comes from (decides what the owner is told happens without an answer)
 * @param sessionName the session's name as the owner knows it from its messages
 * @param sessionId this server's id of the session, or null when the prompt could not be matched to one
 * @param grantKey what "this session" means for remembered grants: the client's own session id (Claude Code, Codex),
 *        or this server's session id; null when nothing may be remembered
 * @param toolName the tool, as the client names it ({@code Bash}, {@code Write}, {@code mcp__x__y})
 * @param description the client's or the model's one-line description of the call, or null
 * @param input the tool's input (a JSON object)
 * @param grants what "Allow for this session" grants in the client beyond this exact request
 */
public record ApprovalRequest(Origin origin, String sessionName, String sessionId, String grantKey, String toolName,
        String description, JsonNode input, SessionGrants grants) {

    /** Where a prompt comes from. */
    public enum Origin {
        /** Claude Code's PermissionRequest hook (interactive or {@code claude -p}). */
        CLAUDE_HOOK("hook", true),
        /** Codex's PermissionRequest hook. */
        CODEX_HOOK("codex-hook", true),
        /** {@code claude -p --permission-prompt-tool mcp__telegram__telegram_approve}. */
        PROMPT_TOOL("prompt-tool", false),
        /** Claude Code's channel permission relay. */
        CHANNEL("channel", true);

        private final String code;
        private final boolean terminalFallback;

        Origin(String code, boolean terminalFallback) {
            this.code = code;
            this.terminalFallback = terminalFallback;
        }

        /** The value stored in the {@code origin} column. */
        public String code() {
            return code;
        }

        /** Whether the client asks in its terminal when the owner does not answer (else the call is denied). */
        public boolean terminalFallback() {
            return terminalFallback;
        }
    }

    public ApprovalRequest {
        grants = grants == null ? SessionGrants.none() : grants;
    }

    /** What the owner sees of the input. */
    public InputPreview preview() {
        return InputPreview.of(toolName, input);
    }
}
