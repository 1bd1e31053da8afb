package io.github.telegrammcp.fake;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parameters of one method call, whatever encoding they came in. Structured values (reply_markup, commands)
 * are kept as JSON text, as they arrive in form and multipart requests.
 */
record ApiRequest(String method, Map<String, String> params, Map<String, UploadedFile> files) {

    private static final ObjectMapper JSON = new ObjectMapper();

    String string(String name) {
        String value = params.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    String required(String name, String missingDetail) {
        String value = string(name);
        if (value == null) {
            throw BotApiError.badRequest(missingDetail);
        }
        return value;
    }

    Long longValue(String name) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw BotApiError.badRequest("invalid " + name + " specified");
        }
    }

    int intValue(String name, int defaultValue) {
        Long value = longValue(name);
        return value == null ? defaultValue : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    boolean bool(String name) {
        String value = string(name);
        return value != null && (value.equalsIgnoreCase("true") || value.equals("1"));
    }

    /** Parses a JSON-valued parameter, or null when absent. */
    JsonNode json(String name, String invalidDetail) {
        String value = string(name);
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw BotApiError.badRequest(invalidDetail);
        }
    }
}
