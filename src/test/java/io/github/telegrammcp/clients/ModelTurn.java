package io.github.telegrammcp.clients;

import java.util.Map;

/**
 * What the scripted model does in one turn: call a tool, or answer with text (which ends the client's turn).
 * <p>
 * Tool names are spelled as Claude Code spells them: its own tools by name ({@code Bash}), MCP tools as
 * {@code mcp__<server>__<tool>} ({@code mcp__telegram__telegram_notify}); the Codex and Gemini dialects translate them.
 */
public sealed interface ModelTurn {

    /** Calls {@code name} with {@code input} (a JSON object). */
    record CallTool(String name, Map<String, Object> input) implements ModelTurn {
        public CallTool {
            input = Map.copyOf(input);
        }
    }

    /** Answers with text and ends the turn. */
    record Say(String text) implements ModelTurn {
    }

    static ModelTurn callTool(String name, Map<String, Object> input) {
        return new CallTool(name, input);
    }

    static ModelTurn say(String text) {
        return new Say(text);
    }
}
