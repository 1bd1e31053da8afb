package io.github.telegrammcp.clients;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * The Gemini API as Gemini CLI uses it with {@code GOOGLE_GEMINI_BASE_URL}: {@code POST
 * /v1beta/models/<model>:streamGenerateContent?alt=sse} (data-only server-sent events), {@code :generateContent} and
 * {@code :countTokens}. Gemini CLI names MCP tools {@code mcp_<server>_<tool>}; side requests that ask for JSON (its
 * model router) get an object shaped by their response schema.
 */
final class GeminiDialect extends ModelApiDialect {

    @Override
    String name() {
        return "gemini";
    }

    @Override
    boolean handles(String method, String path) {
        return method.equals("POST") && path.matches("/v1(beta)?/models/[^/:]+:(streamGenerateContent|generateContent"
                + "|countTokens)(\\?.*)?");
    }

    @Override
    ModelRequest read(String path, JsonNode body) {
        List<ToolResult> results = new ArrayList<>();
        List<String> userTexts = new ArrayList<>();
        int calls = 0;
        for (JsonNode content : body.path("contents")) {
            boolean model = content.path("role").asText().equals("model");
            for (JsonNode part : content.path("parts")) {
                if (model && part.has("functionCall")) {
                    calls++;
                } else if (part.has("functionResponse")) {
                    JsonNode response = part.path("functionResponse");
                    JsonNode payload = response.path("response");
                    boolean error = payload.has("error");
                    JsonNode value = error ? payload.path("error") : payload.has("output") ? payload.path("output") : payload;
                    results.add(new ToolResult(response.path("id").asText(null), neutralName(response.path("name").asText()),
                            text(value), error));
                } else if (!model && part.has("text")) {
                    userTexts.add(part.path("text").asText());
                }
            }
        }
        boolean main = body.path("tools").isArray() && !body.path("tools").isEmpty();
        return new ModelRequest(name(), path, Instant.now(), body, main, calls, results, userTexts);
    }

    @Override
    void answer(HttpExchange exchange, ModelRequest request, ModelTurn turn, long serial) throws IOException {
        ObjectNode part = object();
        if (turn instanceof ModelTurn.CallTool call) {
            ObjectNode functionCall = object().put("name", geminiName(call.name()));
            functionCall.set("args", JSON.valueToTree(call.input()));
            part.set("functionCall", functionCall);
        } else {
            part.put("text", ((ModelTurn.Say) turn).text());
        }
        send(exchange, request, part);
    }

    @Override
    void answerSide(HttpExchange exchange, ModelRequest request, long serial) throws IOException {
        if (request.path().contains(":countTokens")) {
            sendJson(exchange, 200, object().put("totalTokens", 10));
            return;
        }
        JsonNode config = request.body().path("generationConfig");
        JsonNode schema = config.has("responseJsonSchema") ? config.path("responseJsonSchema") : config.path("responseSchema");
        String text = schema.isMissingNode() ? "OK" : JSON.writeValueAsString(sample(schema));
        send(exchange, request, object().put("text", text));
    }

    private void send(HttpExchange exchange, ModelRequest request, ObjectNode part) throws IOException {
        ObjectNode content = object().put("role", "model");
        content.set("parts", JSON.createArrayNode().add(part));
        ObjectNode candidate = object().put("finishReason", "STOP").put("index", 0);
        candidate.set("content", content);
        ObjectNode chunk = object().put("modelVersion", "gemini-stand-in");
        chunk.set("candidates", JSON.createArrayNode().add(candidate));
        chunk.set("usageMetadata", object().put("promptTokenCount", 10).put("candidatesTokenCount", 5)
                .put("totalTokenCount", 15));
        if (request.path().contains(":streamGenerateContent")) {
            try (EventStream events = new EventStream(exchange)) {
                events.data(chunk);
            }
        } else {
            sendJson(exchange, 200, chunk);
        }
    }

    /** A value that satisfies a (Gemini or JSON) schema: required members filled with plain values. */
    static JsonNode sample(JsonNode schema) {
        if (schema.has("enum") && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0);
        }
        switch (schema.path("type").asText("object").toLowerCase()) {
            case "string":
                return JSON.getNodeFactory().textNode("stand-in");
            case "integer":
            case "number":
                return JSON.getNodeFactory().numberNode(1);
            case "boolean":
                return JSON.getNodeFactory().booleanNode(false);
            case "array":
                return JSON.createArrayNode();
            default:
                ObjectNode out = object();
                JsonNode properties = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> property = it.next();
                    out.set(property.getKey(), sample(property.getValue()));
                }
                return out;
        }
    }

    /** {@code mcp__server__tool} as Gemini CLI names it: {@code mcp_server_tool}. */
    static String geminiName(String name) {
        String[] mcp = OpenAiResponsesDialect.mcpName(name);
        return mcp == null ? name : "mcp_" + mcp[0].substring("mcp__".length()) + "_" + mcp[1];
    }

    /** The reverse of {@link #geminiName}, for servers whose name has no underscore (ours: telegram). */
    static String neutralName(String name) {
        if (!name.startsWith("mcp_")) {
            return name;
        }
        int split = name.indexOf('_', "mcp_".length());
        return split < 0 ? name : "mcp__" + name.substring("mcp_".length(), split) + "__" + name.substring(split + 1);
    }
}
