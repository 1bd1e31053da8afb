package io.github.telegrammcp.fake;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

/** Reads a method call's parameters from the query string and a form, JSON or multipart body. */
final class RequestParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestParser() {
    }

    static ApiRequest parse(String method, HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        parseForm(exchange.getRequestURI().getRawQuery(), params);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body.length > 0) {
            if (type.startsWith("application/json")) {
                parseJson(body, params);
            } else if (type.startsWith("application/x-www-form-urlencoded")) {
                parseForm(new String(body, StandardCharsets.UTF_8), params);
            } else if (type.startsWith("multipart/form-data")) {
                String boundary = MultipartParser.boundaryOf(contentType);
                if (boundary == null) {
                    throw BotApiError.badRequest("can't parse multipart/form-data request: no boundary");
                }
                MultipartParser.parse(body, boundary, params, files);
            }
        }
        return new ApiRequest(method, params, files);
    }

    private static void parseForm(String form, Map<String, String> params) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    private static void parseJson(byte[] body, Map<String, String> params) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw BotApiError.badRequest("can't parse JSON object");
        }
        if (root == null || !root.isObject()) {
            throw BotApiError.badRequest("can't parse JSON object");
        }
        root.properties().forEach(field -> {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                return;
            }
            params.put(field.getKey(), value.isContainerNode() ? toJson(value) : value.asText());
        });
    }

    private static String toJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
