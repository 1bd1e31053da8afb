package io.github.telegrammcp.clients;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The Anthropic Messages API as Claude Code uses it: {@code POST /v1/messages}, streamed as server-sent events
 * ({@code message_start}, {@code content_block_start/delta/stop} with {@code text_delta} or {@code input_json_delta},
 * {@code message_delta} with the stop reason, {@code message_stop}) or answered as one JSON message.
 */
final class AnthropicMessagesDialect extends ModelApiDialect {

    @Override
    String name() {
        return "anthropic";
    }

    @Override
    boolean handles(String method, String path) {
        return method.equals("POST") && (path.equals("/v1/messages") || path.startsWith("/v1/messages?"));
    }

    @Override
    ModelRequest read(String path, JsonNode body) {
        Map<String, String> toolNames = new HashMap<>();
        List<ToolResult> results = new ArrayList<>();
        List<String> userTexts = new ArrayList<>();
        int calls = 0;
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (message.path("role").asText().equals("assistant")) {
                for (JsonNode block : content) {
                    if (block.path("type").asText().equals("tool_use")) {
                        calls++;
                        toolNames.put(block.path("id").asText(), block.path("name").asText());
                    }
                }
            } else if (content.isTextual()) {
                userTexts.add(content.asText());
            } else {
                for (JsonNode block : content) {
                    String type = block.path("type").asText();
                    if (type.equals("tool_result")) {
                        String id = block.path("tool_use_id").asText();
                        results.add(new ToolResult(id, toolNames.get(id), text(block.path("content")),
                                block.path("is_error").asBoolean(false)));
                    } else if (type.equals("text")) {
                        userTexts.add(block.path("text").asText());
                    }
                }
            }
        }
        boolean main = body.path("tools").isArray() && !body.path("tools").isEmpty();
        return new ModelRequest(name(), path, Instant.now(), body, main, calls, results, userTexts);
    }

    @Override
    void answer(HttpExchange exchange, ModelRequest request, ModelTurn turn, long serial) throws IOException {
        ObjectNode block = object();
        String stopReason;
        if (turn instanceof ModelTurn.CallTool call) {
            block.put("type", "tool_use").put("id", "toolu_standin_" + serial).put("name", call.name());
            block.set("input", JSON.valueToTree(call.input()));
            stopReason = "tool_use";
        } else {
            block.put("type", "text").put("text", ((ModelTurn.Say) turn).text());
            stopReason = "end_turn";
        }
        send(exchange, request, List.of(block), stopReason, serial);
    }

    @Override
    void answerSide(HttpExchange exchange, ModelRequest request, long serial) throws IOException {
        ObjectNode block = object().put("type", "text").put("text", "OK");
        send(exchange, request, List.of(block), "end_turn", serial);
    }

    private void send(HttpExchange exchange, ModelRequest request, List<ObjectNode> blocks, String stopReason,
            long serial) throws IOException {
        String model = request.body().path("model").asText("claude-stand-in");
        ObjectNode usage = object().put("input_tokens", 10).put("output_tokens", 5);
        if (!request.body().path("stream").asBoolean(false)) {
            ObjectNode message = message(serial, model, usage);
            message.set("content", JSON.valueToTree(blocks));
            message.put("stop_reason", stopReason);
            sendJson(exchange, 200, message);
            return;
        }
        try (EventStream events = new EventStream(exchange)) {
            ObjectNode start = message(serial, model, object().put("input_tokens", 10).put("output_tokens", 1));
            start.set("content", JSON.createArrayNode());
            start.putNull("stop_reason");
            events.event("message_start", object().put("type", "message_start").set("message", start));
            for (int index = 0; index < blocks.size(); index++) {
                ObjectNode block = blocks.get(index);
                boolean tool = block.path("type").asText().equals("tool_use");
                ObjectNode opening = block.deepCopy();
                ObjectNode delta = object();
                if (tool) {
                    opening.set("input", object());
                    delta.put("type", "input_json_delta").put("partial_json", JSON.writeValueAsString(block.get("input")));
                } else {
                    opening.put("text", "");
                    delta.put("type", "text_delta").put("text", block.path("text").asText());
                }
                events.event("content_block_start", object().put("type", "content_block_start").put("index", index)
                        .set("content_block", opening));
                events.event("content_block_delta", object().put("type", "content_block_delta").put("index", index)
                        .set("delta", delta));
                events.event("content_block_stop", object().put("type", "content_block_stop").put("index", index));
            }
            ObjectNode messageDelta = object().put("type", "message_delta");
            messageDelta.set("delta", object().put("stop_reason", stopReason).putNull("stop_sequence"));
            messageDelta.set("usage", object().put("output_tokens", 5));
            events.event("message_delta", messageDelta);
            events.event("message_stop", object().put("type", "message_stop"));
        }
    }

    private static ObjectNode message(long serial, String model, ObjectNode usage) {
        ObjectNode message = object().put("id", "msg_standin_" + serial).put("type", "message")
                .put("role", "assistant").put("model", model);
        message.putNull("stop_sequence");
        message.set("usage", usage);
        return message;
    }
}
