package io.github.telegrammcp.clients;

/**
 * A tool result as a client sent it back to the model: the call it answers, the tool's name (in {@link ModelTurn}'s
 * spelling, or null when the client did not say), its text, and whether the client marked it as an error.
 */
public record ToolResult(String callId, String toolName, String text, boolean error) {
}
