package io.github.telegrammcp.stdio;

/**
 * What the guard learned about one stdin line in one pass of a streaming JSON parser.
 *
 * @param kind what the line is
 * @param method the method of a request or notification, else null
 * @param id the id of a request or response (null when absent, or when it was JSON {@code null})
 * @param cancelledId for {@code notifications/cancelled}: {@code params.requestId}, else null
 * @param jsonrpcOk whether {@code "jsonrpc"} is exactly {@code "2.0"}
 * @param errorCode for {@link Kind#NOT_JSON} and {@link Kind#INVALID}: the JSON-RPC error code to answer with
 * @param problem for {@link Kind#NOT_JSON} and {@link Kind#INVALID}: what is wrong, in words for the client
 */
record Classified(Kind kind, String method, RpcId id, RpcId cancelledId, boolean jsonrpcOk, int errorCode,
        String problem) {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    enum Kind {
        /** Not exactly one JSON value (or too long, too deep): answered with a parse error, never forwarded. */
        NOT_JSON,
        /** One JSON value, but not a message the extension can answer: the guard answers instead. */
        INVALID,
        /** Has an id (possibly null) and a method, or neither method nor result: the extension answers it. */
        REQUEST,
        /** A method and no id: never answered. */
        NOTIFICATION,
        /** A result or an error: the client answering a request of the server. */
        RESPONSE,
        /** A JSON array: handled element by element. */
        BATCH
    }

    static Classified notJson(String problem) {
        return new Classified(Kind.NOT_JSON, null, null, null, false, PARSE_ERROR, problem);
    }

    static Classified invalid(int code, RpcId id, String problem) {
        return new Classified(Kind.INVALID, null, id, null, false, code, problem);
    }

    boolean isNotification(String name) {
        return kind == Kind.NOTIFICATION && name.equals(method);
    }
}
