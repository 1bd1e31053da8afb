package io.github.telegrammcp.fake;

/** A Bot API error answer: HTTP status and error_code, description and the optional retry_after. */
final class BotApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errorCode;
    private final Integer retryAfter;

    BotApiError(int errorCode, String description, Integer retryAfter) {
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    static BotApiError badRequest(String detail) {
        return new BotApiError(400, "Bad Request: " + detail, null);
    }

    static BotApiError tooManyRequests(int retryAfter) {
        return new BotApiError(429, "Too Many Requests: retry after " + retryAfter, retryAfter);
    }

    int errorCode() {
        return errorCode;
    }

    String description() {
        return getMessage();
    }

    Integer retryAfter() {
        return retryAfter;
    }
}
