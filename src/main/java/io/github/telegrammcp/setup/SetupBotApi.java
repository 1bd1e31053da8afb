package io.github.telegrammcp.setup;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.config.BotToken;

/**
 * The few Bot API calls the wizard needs, over the JDK's HTTP client (the wizard runs before and without Quarkus).
 * Every error text is redacted of the token.
 */
final class SetupBotApi {

    /** A failed call: Telegram's error code (0 when Telegram was not reached) and a text safe to show. */
    static final class Failure extends Exception {
        private final int errorCode;

        Failure(int errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }

        int errorCode() {
            return errorCode;
        }
    }

    /** The bot behind the token. */
    record Bot(long id, String username, String firstName) {
    }

    /** A message found by getUpdates: where it came from. */
    record Sender(long updateId, long chatId, String chatType, String chatName, long fromId, String text) {
    }

    private final HttpClient http;
    private final String base;
    private final BotToken token;

    SetupBotApi(String apiUrl, BotToken token) {
        String url = apiUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.base = url;
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    Bot getMe() throws Failure {
        JsonNode result = call("getMe", Map.of(), Duration.ofSeconds(20));
        return new Bot(result.path("id").asLong(), result.path("username").asText(""), result.path("first_name").asText(""));
    }

    /** Long-polls for up to {@code timeoutSeconds} without confirming anything, so the server still sees every update. */
    List<Sender> peekMessages(int timeoutSeconds) throws Failure {
        JsonNode result = call("getUpdates",
                Map.of("timeout", String.valueOf(timeoutSeconds), "allowed_updates", "[\"message\"]"),
                Duration.ofSeconds(timeoutSeconds + 15L));
        List<Sender> senders = new ArrayList<>();
        for (JsonNode update : result) {
            JsonNode message = update.path("message");
            if (message.isMissingNode()) {
                continue;
            }
            JsonNode chat = message.path("chat");
            String name = chat.hasNonNull("title") ? chat.path("title").asText()
                    : (chat.path("first_name").asText("") + " " + chat.path("last_name").asText("")).trim();
            if (chat.hasNonNull("username")) {
                name = name + " (@" + chat.path("username").asText() + ")";
            }
            senders.add(new Sender(update.path("update_id").asLong(), chat.path("id").asLong(),
                    chat.path("type").asText("private"), name.trim(), message.path("from").path("id").asLong(),
                    message.path("text").asText("")));
        }
        return senders;
    }

    void sendMessage(long chatId, String text) throws Failure {
        call("sendMessage", Map.of("chat_id", String.valueOf(chatId), "text", text), Duration.ofSeconds(30));
    }

    private JsonNode call(String method, Map<String, String> params, Duration timeout) throws Failure {
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(base + "/bot" + token.reveal() + "/" + method))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Failure(0, "TELEGRAM_API_URL is not a valid URL: " + base);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(0, "cannot reach the Bot API at " + base + " (" + token.redact(describe(e))
                    + "); check the network or TELEGRAM_API_URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted");
        }
        JsonNode body;
        try {
            body = JsonText.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new Failure(response.statusCode(), "the Bot API at " + base + " answered HTTP " + response.statusCode()
                    + " with something that is not JSON");
        }
        if (body == null || !body.path("ok").asBoolean(false)) {
            int code = body == null ? response.statusCode() : body.path("error_code").asInt(response.statusCode());
            String description = body == null ? "" : body.path("description").asText("");
            throw new Failure(code, token.redact(method + " failed: " + code + " " + description).trim());
        }
        return body.path("result");
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
