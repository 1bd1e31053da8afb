package io.github.telegrammcp.clients;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request a client made to the model stand-in, as recorded. A <em>main</em> request carries the conversation with
 * tools; the others are a client's side requests (titles, routing, quota checks) and get a short answer.
 *
 * @param dialect the API spoken: {@code anthropic}, {@code openai-responses} or {@code gemini}
 * @param path the request path with its query
 * @param at when it arrived
 * @param body the JSON body (an empty object when there was none or it was not JSON)
 * @param main whether it carries the conversation (it offers tools)
 * @param callsSoFar how many tool calls the model made in the conversation so far
 * @param toolResults every tool result in the conversation, oldest first
 * @param userTexts every text the user side sent (prompts, client notifications), oldest first
 */
public record ModelRequest(String dialect, String path, Instant at, JsonNode body, boolean main, int callsSoFar,
        List<ToolResult> toolResults, List<String> userTexts) {

    public ModelRequest {
        toolResults = List.copyOf(toolResults);
        userTexts = List.copyOf(userTexts);
    }

    /** The newest tool result, if any. */
    public Optional<ToolResult> lastToolResult() {
        return toolResults.isEmpty() ? Optional.empty() : Optional.of(toolResults.get(toolResults.size() - 1));
    }

    /** The newest user-side text, if any. */
    public Optional<String> lastUserText() {
        return userTexts.isEmpty() ? Optional.empty() : Optional.of(userTexts.get(userTexts.size() - 1));
    }

    @Override
    public String toString() {
        return dialect + " " + path + (main ? " (main, " + callsSoFar + " calls so far)" : " (side)")
                + lastToolResult().map(r -> ", last tool result: " + r).orElse("");
    }
}
