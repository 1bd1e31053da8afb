package io.github.telegrammcp.telegram;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A failed Bot API call: Telegram's error code and description, {@code retry_after} for flood errors, or a network
 * failure (code 0). Messages never contain the token or a URL.
 */
public class TelegramApiException extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int errorCode;
    private final String description;
    private final Integer retryAfter;
    private final boolean maybeDelivered;

    public TelegramApiException(int errorCode, String description, Integer retryAfter, boolean maybeDelivered) {
        super(errorCode == 0 ? "Telegram not reachable: " + description : "Telegram error " + errorCode + ": " + description);
        this.errorCode = errorCode;
        this.description = description;
        this.retryAfter = retryAfter;
        this.maybeDelivered = maybeDelivered;
    }

    /** A network failure; {@code maybeDelivered} when the request may have reached Telegram (a read timeout). */
    public static TelegramApiException network(String reason, boolean maybeDelivered) {
        return new TelegramApiException(0, reason, null, maybeDelivered);
    }

    /** Reads Telegram's JSON error body; falls back to the HTTP status. */
    public static TelegramApiException fromErrorResponse(Response response) {
        int status = response.getStatus();
        String description = "HTTP " + status;
        Integer retryAfter = null;
        try {
            String body = response.readEntity(String.class);
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("description")) {
                description = node.get("description").asText();
            }
            if (node != null && node.hasNonNull("error_code")) {
                status = node.get("error_code").asInt(status);
            }
            JsonNode params = node == null ? null : node.get("parameters");
            if (params != null && params.hasNonNull("retry_after")) {
                retryAfter = params.get("retry_after").asInt();
            }
        } catch (Exception e) {
            // Not JSON (a proxy's error page): the status is all we know.
        }
        return new TelegramApiException(status, description, retryAfter, false);
    }

    public int errorCode() {
        return errorCode;
    }

    public String description() {
        return description;
    }

    /** Seconds to wait before retrying, for 429 answers. */
    public Integer retryAfter() {
        return retryAfter;
    }

    /** True for network failures after which the request may still have been processed. */
    public boolean maybeDelivered() {
        return maybeDelivered;
    }

    public boolean isNetwork() {
        return errorCode == 0;
    }

    public boolean isRateLimited() {
        return errorCode == 429;
    }

    public boolean isServerError() {
        return errorCode >= 500;
    }

    public boolean isUnauthorized() {
        return errorCode == 401;
    }

    public boolean isConflict() {
        return errorCode == 409;
    }

    /** True when Telegram rejected the HTML entities of the text (the caller may resend as plain text). */
    public boolean isEntityError() {
        return errorCode == 400 && description != null && description.contains("can't parse entities");
    }

    /**
     * True when Telegram refused the topic a message was sent to ("message thread not found", TOPIC_CLOSED,
     * TOPIC_DELETED, TOPIC_ID_INVALID, "the chat is not a forum"): the same message can go to the main chat instead.
     */
    public boolean refusesThread() {
        if (errorCode != 400 && errorCode != 403 || description == null) {
            return false;
        }
        String text = description.toLowerCase(java.util.Locale.ROOT);
        return text.contains("thread") || text.contains("topic") || text.contains("forum");
    }

    /** What the person or the model should read: what happened and what to do next. */
    public String userMessage() {
        if (isUnauthorized()) {
            return "Telegram rejected the bot token (401 Unauthorized). Check TELEGRAM_BOT_TOKEN (copy it again from"
                    + " @BotFather) and restart the assistant.";
        }
        if (errorCode == 403) {
            return "The bot may not write to the chat (403: " + description + "). Open the bot in Telegram and press"
                    + " Start, or check TELEGRAM_CHAT_ID.";
        }
        if (errorCode == 400 && description != null && description.contains("chat not found")) {
            return "Telegram does not know the chat in TELEGRAM_CHAT_ID (400: chat not found). Send /start to the bot"
                    + " and check the id (`telegram-mcp-server --setup` finds it).";
        }
        if (isRateLimited()) {
            return "Telegram rate limit hit (retry after " + retryAfter + " s); try again later.";
        }
        if (isNetwork()) {
            return "Cannot reach the Telegram Bot API (" + description + "). Check the network or TELEGRAM_API_URL."
                    + (maybeDelivered ? " The message may or may not have arrived; it was not resent to avoid a"
                            + " duplicate." : " Nothing was sent.");
        }
        if (isServerError()) {
            return "Telegram had a server error (" + errorCode + ": " + description + "); try again in a minute.";
        }
        return "Telegram refused the request (" + errorCode + ": " + description + ").";
    }
}
