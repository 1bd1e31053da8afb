package io.github.telegrammcp.stdio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Decides in one pass of a streaming parser (no tree, no copy of the line) whether a stdin line is exactly one JSON
 * value, and if so what kind of JSON-RPC message it is. It is never more lenient than the extension's own decoder
 * (Jackson with its default limits, through Vert.x), so every line it passes the extension can parse too.
 */
final class LineClassifier {

    /**
     * Deepest nesting accepted. Far deeper than any MCP message; far below Jackson's 1000, because the extension decodes
     * recursively on a thread with a small stack, and a stack overflow there would end its reading loop for good.
     */
    static final int MAX_DEPTH = 128;

    /** Methods whose handler in extension 1.10.1 dereferences {@code params} without checking that it exists. */
    private static final Set<String> NEEDS_PARAMS = Set.of("tools/call", "prompts/get", "resources/read",
            "resources/subscribe", "resources/unsubscribe", "completion/complete", "logging/setLevel");

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private LineClassifier() {
    }

    /** Where a line is read from; it may be read twice (the second time only when it holds invalid UTF-8). */
    @FunctionalInterface
    interface Source {
        InputStream open();
    }

    /** Classifies {@code length} bytes of {@code line} from {@code offset} (the line without its LF). */
    static Classified classify(byte[] line, int offset, int length) {
        return classify(() -> new ByteArrayInputStream(line, offset, length), line, offset, length, true);
    }

    /**
     * Classifies the line {@code source} reads; {@code start} holds its first {@code startLength} bytes from
     * {@code startOffset}: all of them when {@code whole} (then they are parsed in place), else at least four.
     */
    static Classified classify(Source source, byte[] start, int startOffset, int startLength, boolean whole) {
        String otherEncoding = otherEncoding(start, startOffset, startLength);
        if (otherEncoding != null) {
            return Classified.notJson("not valid JSON: " + otherEncoding + "; send UTF-8");
        }
        try (JsonParser parser = whole ? JSON.createParser(start, startOffset, startLength)
                : JSON.createParser(source.open())) {
            return classify(parser);
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Invalid UTF-8")) {
                return classifyLenient(source);
            }
            return notJson(e);
        } catch (IOException e) {
            return Classified.notJson("unreadable line: " + e.getMessage());
        }
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from zero bytes and byte-order marks at the start of its input, but the extension
     * always reads UTF-8: such a line must never pass. No UTF-8 JSON text starts with a non-ASCII byte or has a zero
     * byte anywhere, so either one at the start ends the matter.
     */
    private static String otherEncoding(byte[] line, int offset, int length) {
        if (length > 0 && (line[offset] & 0x80) != 0) {
            return String.format("it starts with byte 0x%02x", line[offset] & 0xFF);
        }
        for (int i = offset; i < offset + Math.min(4, length); i++) {
            if (line[i] == 0) {
                return "it has a zero byte at its start (UTF-16 or UTF-32?)";
            }
        }
        return null;
    }

    /**
     * Invalid UTF-8: the extension decodes such bytes as U+FFFD, so judge the line the same way (decoding as the parser
     * reads, 8 KB at a time) rather than refusing a message that it has always answered.
     */
    private static Classified classifyLenient(Source source) {
        try (JsonParser parser = JSON.createParser(new InputStreamReader(source.open(), StandardCharsets.UTF_8))) {
            return classify(parser);
        } catch (JsonProcessingException e) {
            return notJson(e);
        } catch (IOException e) {
            return Classified.notJson("unreadable line: " + e.getMessage());
        }
    }

    private static Classified notJson(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException && String.valueOf(e.getOriginalMessage()).contains("nesting")) {
            return Classified.notJson("nested deeper than " + MAX_DEPTH + " levels");
        }
        String reason = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("");
        if (reason.length() > 120) {
            reason = reason.substring(0, 120) + "…";
        }
        long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
        return Classified.notJson("not valid JSON" + (column > 0 ? " at column " + column : "") + ": " + reason);
    }

    private static Classified classify(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return Classified.notJson("the line is empty; send one JSON-RPC message per line");
        }
        Classified result;
        if (first == JsonToken.START_OBJECT) {
            result = object(p);
        } else if (first == JsonToken.START_ARRAY) {
            p.skipChildren();
            result = new Classified(Classified.Kind.BATCH, null, null, null, true, 0, null);
        } else {
            result = Classified.invalid(Classified.INVALID_REQUEST, null,
                    "a JSON-RPC message must be a JSON object (or an array of them), not a " + describe(first));
        }
        if (p.nextToken() != null) {
            return Classified.notJson("more than one JSON value on the line; send one message per line");
        }
        return result;
    }

    /** Reads a top-level object, keeping only the members the guard decides by. */
    private static Classified object(JsonParser p) throws IOException {
        Envelope e = new Envelope();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "jsonrpc" -> e.jsonrpc = value == JsonToken.VALUE_STRING ? p.getText() : null;
                case "id" -> {
                    e.hasId = true;
                    e.idNull = value == JsonToken.VALUE_NULL;
                    e.id = id(p, value);
                    e.idBadType = e.id == null && !e.idNull;
                }
                case "method" -> {
                    e.hasMethod = true;
                    e.method = value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                case "params" -> {
                    e.params = value;
                    e.paramName = e.paramArguments = e.paramMeta = null;
                    e.requestId = null;
                    if (value == JsonToken.START_OBJECT) {
                        params(p, e);
                    }
                }
                case "result", "error" -> e.hasResult = true;
                default -> {
                    // not needed
                }
            }
            p.skipChildren();
        }
        return e.decide();
    }

    private static void params(JsonParser p, Envelope e) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "name" -> e.paramName = value;
                case "arguments" -> e.paramArguments = value;
                case "_meta" -> e.paramMeta = value;
                case "requestId" -> e.requestId = id(p, value);
                default -> {
                    // not needed
                }
            }
            p.skipChildren();
        }
    }

    private static RpcId id(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> RpcId.ofString(p.getText());
            case VALUE_NUMBER_INT -> RpcId.ofInteger(p.getText());
            case VALUE_NUMBER_FLOAT -> RpcId.ofDecimal(p.getText());
            default -> null;
        };
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }

    /** The members of one message that the guard decides by. */
    private static final class Envelope {
        String jsonrpc;
        boolean hasId;
        boolean idNull;
        boolean idBadType;
        RpcId id;
        boolean hasMethod;
        String method;
        boolean hasResult;
        JsonToken params;
        JsonToken paramName;
        JsonToken paramArguments;
        JsonToken paramMeta;
        RpcId requestId;

        Classified decide() {
            boolean jsonrpcOk = "2.0".equals(jsonrpc);
            if (idBadType) {
                return Classified.invalid(Classified.INVALID_REQUEST, null, "the id must be a string or a number");
            }
            if (hasResult) {
                return new Classified(Classified.Kind.RESPONSE, null, id, null, jsonrpcOk, 0, null);
            }
            if (hasMethod && method == null) {
                return Classified.invalid(Classified.INVALID_REQUEST, id, "the method must be a string");
            }
            if (hasMethod && !hasId) {
                boolean paramsOk = params == null || params == JsonToken.START_OBJECT;
                return new Classified(Classified.Kind.NOTIFICATION, method, null, paramsOk ? requestId : null, jsonrpcOk,
                        0, paramsOk ? null : "params must be a JSON object");
            }
            if (hasMethod) {
                String problem = paramsProblem();
                if (problem != null) {
                    return Classified.invalid(Classified.INVALID_PARAMS, id, problem);
                }
            }
            return new Classified(Classified.Kind.REQUEST, method, id, null, jsonrpcOk, 0, null);
        }

        private String paramsProblem() {
            if (params != null && params != JsonToken.START_OBJECT) {
                return "params must be a JSON object";
            }
            if (params == null && NEEDS_PARAMS.contains(method)) {
                return method + " needs params";
            }
            if (paramMeta != null && paramMeta != JsonToken.START_OBJECT) {
                return "params._meta must be a JSON object";
            }
            if ("tools/call".equals(method)) {
                if (paramName != JsonToken.VALUE_STRING) {
                    return "tools/call needs params.name, the tool's name as a string";
                }
                if (paramArguments != null && paramArguments != JsonToken.START_OBJECT
                        && paramArguments != JsonToken.VALUE_NULL) {
                    return "params.arguments must be a JSON object";
                }
            }
            return null;
        }
    }
}
