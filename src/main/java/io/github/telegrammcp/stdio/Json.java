package io.github.telegrammcp.stdio;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON helpers of the guard: a mapper for the rare lines it must rebuild, and JSON-RPC error answers. */
final class Json {

    private Json() {
    }

    /**
     * Plain Jackson for the rare lines the guard must rebuild (batches, hooks), independent of the application's mapper
     * (the guard starts before CDI); made on first use, so that a session that never needs it never loads it.
     */
    static ObjectMapper mapper() {
        return MapperHolder.MAPPER;
    }

    private static final class MapperHolder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A JSON-RPC error answer; {@code id} is a JSON literal, or null for {@code "id":null}. */
    static String error(String id, int code, String message) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + (id == null ? "null" : id) + ",\"error\":{\"code\":" + code
                + ",\"message\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}}";
    }
}
