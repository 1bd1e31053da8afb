package io.github.telegrammcp.clients;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The OpenAI Responses API as Codex uses it through a custom model provider ({@code wire_api = "responses"}):
 * {@code POST <base_url>/responses}, streamed as {@code response.created}, {@code response.output_item.added/done},
 * the argument or text deltas, and {@code response.completed}.
 * <p>
 * Codex defers MCP tools behind its client-side {@code tool_search}: they are callable (as a function in the namespace
 * {@code mcp__<server>}) only after a search found them. So a call to an MCP tool whose namespace no search has loaded
 * yet is answered with a {@code tool_search_call} first, as a model would; the step is asked again afterwards, since a
 * search is not a tool call.
 */
final class OpenAiResponsesDialect extends ModelApiDialect {

    private static final int MAX_SEARCHES = 5;

    @Override
    String name() {
        return "openai-responses";
    }

    @Override
    boolean handles(String method, String path) {
        return method.equals("POST") && path.matches("(/v1)?/responses(\\?.*)?");
    }

    @Override
    ModelRequest read(String path, JsonNode body) {
        Map<String, String> toolNames = new HashMap<>();
        List<ToolResult> results = new ArrayList<>();
        List<String> userTexts = new ArrayList<>();
        int calls = 0;
        for (JsonNode item : body.path("input")) {
            switch (item.path("type").asText()) {
                case "function_call" -> {
                    calls++;
                    String namespace = item.path("namespace").asText("");
                    toolNames.put(item.path("call_id").asText(),
                            namespace.isEmpty() ? item.path("name").asText() : namespace + "__" + item.path("name").asText());
                }
                case "function_call_output" -> {
                    String id = item.path("call_id").asText();
                    results.add(new ToolResult(id, toolNames.get(id), text(item.path("output")), false));
                }
                case "message" -> {
                    if (item.path("role").asText().equals("user")) {
                        userTexts.add(text(item.path("content")));
                    }
                }
                default -> {
                }
            }
        }
        boolean main = body.path("tools").isArray() && !body.path("tools").isEmpty();
        return new ModelRequest(name(), path, Instant.now(), body, main, calls, results, userTexts);
    }

    @Override
    void answer(HttpExchange exchange, ModelRequest request, ModelTurn turn, long serial) throws IOException {
        ObjectNode item;
        if (turn instanceof ModelTurn.CallTool call) {
            String[] mcp = mcpName(call.name());
            if (mcp != null && !loadedNamespaces(request.body()).contains(mcp[0])
                    && searches(request.body()) < MAX_SEARCHES) {
                item = object().put("type", "tool_search_call").put("id", "ts_standin_" + serial)
                        .put("call_id", "search_standin_" + serial).put("execution", "client").put("status", "completed");
                item.set("arguments", object().put("query", mcp[0].substring("mcp__".length()) + " " + mcp[1])
                        .put("limit", 20));
            } else {
                item = object().put("type", "function_call").put("id", "fc_standin_" + serial)
                        .put("call_id", "call_standin_" + serial).put("status", "completed")
                        .put("name", mcp == null ? call.name() : mcp[1])
                        .put("arguments", JSON.writeValueAsString(call.input()));
                if (mcp != null) {
                    item.put("namespace", mcp[0]);
                }
            }
        } else {
            item = message(serial, ((ModelTurn.Say) turn).text());
        }
        stream(exchange, request, item, serial);
    }

    @Override
    void answerSide(HttpExchange exchange, ModelRequest request, long serial) throws IOException {
        stream(exchange, request, message(serial, "OK"), serial);
    }

    private static ObjectNode message(long serial, String text) {
        ObjectNode item = object().put("type", "message").put("id", "msg_standin_" + serial).put("role", "assistant")
                .put("status", "completed");
        item.set("content", JSON.createArrayNode().add(object().put("type", "output_text").put("text", text)
                .set("annotations", JSON.createArrayNode())));
        return item;
    }

    private void stream(HttpExchange exchange, ModelRequest request, ObjectNode item, long serial) throws IOException {
        ObjectNode response = object().put("id", "resp_standin_" + serial).put("object", "response")
                .put("created_at", Instant.now().getEpochSecond()).put("status", "in_progress")
                .put("model", request.body().path("model").asText("stand-in"));
        response.set("output", JSON.createArrayNode());
        try (EventStream events = new EventStream(exchange)) {
            int[] sequence = { 0 };
            events.event("response.created", event("response.created", sequence).set("response", response));
            events.event("response.output_item.added", event("response.output_item.added", sequence)
                    .put("output_index", 0).set("item", item));
            String type = item.path("type").asText();
            if (type.equals("function_call")) {
                events.event("response.function_call_arguments.delta",
                        event("response.function_call_arguments.delta", sequence).put("item_id", item.path("id").asText())
                                .put("output_index", 0).put("delta", item.path("arguments").asText()));
                events.event("response.function_call_arguments.done",
                        event("response.function_call_arguments.done", sequence).put("item_id", item.path("id").asText())
                                .put("output_index", 0).put("arguments", item.path("arguments").asText()));
            } else if (type.equals("message")) {
                events.event("response.output_text.delta", event("response.output_text.delta", sequence)
                        .put("item_id", item.path("id").asText()).put("output_index", 0).put("content_index", 0)
                        .put("delta", item.path("content").path(0).path("text").asText()));
            }
            events.event("response.output_item.done", event("response.output_item.done", sequence)
                    .put("output_index", 0).set("item", item));
            ObjectNode done = response.deepCopy().put("status", "completed");
            done.set("output", JSON.createArrayNode().add(item));
            done.set("usage", object().put("input_tokens", 10).put("output_tokens", 5).put("total_tokens", 15));
            events.event("response.completed", event("response.completed", sequence).set("response", done));
        }
    }

    private static ObjectNode event(String type, int[] sequence) {
        return object().put("type", type).put("sequence_number", sequence[0]++);
    }

    /** {@code mcp__server__tool} as {namespace, tool}, or null for a client's own tool. */
    static String[] mcpName(String name) {
        if (!name.startsWith("mcp__")) {
            return null;
        }
        int split = name.indexOf("__", "mcp__".length());
        return split < 0 ? null : new String[] { name.substring(0, split), name.substring(split + 2) };
    }

    private static Set<String> loadedNamespaces(JsonNode body) {
        Set<String> loaded = new HashSet<>();
        for (JsonNode item : body.path("input")) {
            if (item.path("type").asText().equals("tool_search_output")) {
                for (JsonNode tool : item.path("tools")) {
                    loaded.add(tool.path("name").asText());
                }
            }
        }
        return loaded;
    }

    private static int searches(JsonNode body) {
        int count = 0;
        for (JsonNode item : body.path("input")) {
            count += item.path("type").asText().equals("tool_search_call") ? 1 : 0;
        }
        return count;
    }
}
