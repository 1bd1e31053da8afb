package io.github.telegrammcp.telegram;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.config.BotToken;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.telegram.api.EditMessageText;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.api.LinkPreviewOptions;
import io.github.telegrammcp.telegram.api.SendMessage;

/**
 * The two Bot API calls a process without the server needs (the permission hook: send a prompt, edit it), over the
 * JDK's HTTP client, so that it starts without Quarkus. Paced like the server's sends (the shared token bucket); a 429
 * waits {@code retry_after} and is retried, a timed-out send is not (it may have arrived). Errors carry no token.
 */
public final class DirectBotApi {

    static final int MAX_ATTEMPTS = 4;
    static final int MAX_RETRY_AFTER_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final BotToken token;
    private final OutboundPacer pacer;

    /** For usable settings (a token and a chat id). */
    public DirectBotApi(Settings settings) {
        this.base = settings.apiUrl().toString();
        this.token = settings.token().orElseThrow(() -> new IllegalArgumentException("no bot token"));
        this.pacer = new OutboundPacer(settings);
    }

    /** Sends an HTML message with buttons; returns its message id. */
    public long sendMessage(long chatId, String html, InlineKeyboardMarkup buttons) {
        return sendMessage(chatId, null, html, buttons);
    }

    /**
     * Sends an HTML message with buttons into a topic ({@code threadId} null: the main chat); when Telegram refuses the
     * topic, into the main chat instead. Returns its message id.
     */
    public long sendMessage(long chatId, Long threadId, String html, InlineKeyboardMarkup buttons) {
        SendMessage request = SendMessage.html(chatId, html).withMarkup(buttons);
        try {
            return call("sendMessage", request.inThread(threadId), chatId, false).path("message_id").asLong();
        } catch (TelegramApiException e) {
            if (threadId == null || !e.refusesThread()) {
                throw e;
            }
            return call("sendMessage", request, chatId, false).path("message_id").asLong();
        }
    }

    /** Replaces a message's text and removes its buttons. */
    public void editMessageText(long chatId, long messageId, String html) {
        call("editMessageText", new EditMessageText(chatId, messageId, html, "HTML", null, LinkPreviewOptions.DISABLED),
                chatId, true);
    }

    private JsonNode call(String method, Object body, long chatId, boolean idempotent) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + method + ": " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/bot" + token.reveal() + "/" + method))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        for (int attempt = 1;; attempt++) {
            pacer.acquire(chatId);
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (HttpTimeoutException e) {
                if (!idempotent || attempt >= MAX_ATTEMPTS) {
                    throw TelegramApiException.network(method + " timed out", !idempotent);
                }
                continue;
            } catch (IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw TelegramApiException.network(token.redact(method + ": " + e.getMessage()), false);
                }
                pause(1000L * attempt);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TelegramApiException.network(method + " interrupted", false);
            }
            JsonNode answer;
            try {
                answer = JSON.readTree(response.body());
            } catch (IOException e) {
                answer = JSON.createObjectNode();
            }
            if (answer.path("ok").asBoolean(false)) {
                return answer.path("result");
            }
            int code = answer.path("error_code").asInt(response.statusCode());
            int retryAfter = answer.path("parameters").path("retry_after").asInt(0);
            boolean again = (code == 429 && retryAfter <= MAX_RETRY_AFTER_SECONDS) || code >= 500;
            if (!again || attempt >= MAX_ATTEMPTS) {
                throw new TelegramApiException(code, token.redact(answer.path("description").asText("HTTP "
                        + response.statusCode())), code == 429 ? retryAfter : null, false);
            }
            pause(code == 429 ? retryAfter * 1000L : 1000L * attempt);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
