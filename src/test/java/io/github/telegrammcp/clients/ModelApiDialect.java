package io.github.telegrammcp.clients;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/** One model API as a client speaks it: which requests are its, how to read them and how to answer. */
abstract class ModelApiDialect {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The dialect's name in {@link ModelRequest#dialect()}. */
    abstract String name();

    /** Whether this dialect serves {@code method path}. */
    abstract boolean handles(String method, String path);

    /** Reads a request body into a recorded request. */
    abstract ModelRequest read(String path, JsonNode body);

    /** Answers a main request with the script's turn. */
    abstract void answer(HttpExchange exchange, ModelRequest request, ModelTurn turn, long serial) throws IOException;

    /** Answers a side request with something sensible for it. */
    abstract void answerSide(HttpExchange exchange, ModelRequest request, long serial) throws IOException;

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Server-sent events, written and flushed one at a time as a streaming API does. */
    static final class EventStream implements AutoCloseable {
        private final OutputStream out;

        EventStream(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("content-type", "text/event-stream");
            exchange.getResponseHeaders().set("cache-control", "no-cache");
            exchange.sendResponseHeaders(200, 0);
            this.out = exchange.getResponseBody();
        }

        /** An event with a name ({@code event:} line) and JSON data. */
        void event(String name, JsonNode data) throws IOException {
            write("event: " + name + "\ndata: " + text(data) + "\n\n");
        }

        /** An event with only a data line. */
        void data(JsonNode data) throws IOException {
            write("data: " + text(data) + "\n\n");
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static String text(JsonNode data) throws JsonProcessingException {
            return JSON.writeValueAsString(data);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** The text of a tool result's content: a string, or the text parts of an array of blocks. */
    static String text(JsonNode content) {
        if (content == null || content.isMissingNode() || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isArray()) {
            StringBuilder out = new StringBuilder();
            for (JsonNode part : content) {
                String piece = part.isTextual() ? part.asText() : part.path("text").asText("");
                if (!piece.isEmpty()) {
                    out.append(out.length() == 0 ? "" : "\n").append(piece);
                }
            }
            return out.toString();
        }
        return content.toString();
    }
}
