package io.github.telegrammcp.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A message the bot sent successfully. For photos and documents {@code rawText}/{@code visibleText} hold the caption;
 * {@code replyMarkup} is the JSON as received (or null); file fields are null for text messages;
 * {@code messageThreadId} is the topic it went to (null: the main chat).
 */
public record SentMessage(Kind kind, long chatId, int messageId, String rawText, String parseMode, String visibleText,
        String replyMarkup, Integer replyToMessageId, String fileName, String contentType, byte[] bytes, Instant time,
        Integer messageThreadId) {

    public SentMessage(Kind kind, long chatId, int messageId, String rawText, String parseMode, String visibleText,
            String replyMarkup, Integer replyToMessageId, String fileName, String contentType, byte[] bytes,
            Instant time) {
        this(kind, chatId, messageId, rawText, parseMode, visibleText, replyMarkup, replyToMessageId, fileName,
                contentType, bytes, time, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What kind of message was sent. */
    public enum Kind {
        TEXT, PHOTO, DOCUMENT
    }

    /** The callback_data of every inline button, row by row. */
    public List<String> callbackData() {
        return buttonField("callback_data");
    }

    /** The text of every inline button, row by row. */
    public List<String> buttonTexts() {
        return buttonField("text");
    }

    private List<String> buttonField(String field) {
        List<String> values = new ArrayList<>();
        if (replyMarkup == null) {
            return values;
        }
        try {
            for (JsonNode row : JSON.readTree(replyMarkup).path("inline_keyboard")) {
                for (JsonNode button : row) {
                    if (button.hasNonNull(field)) {
                        values.add(button.get(field).asText());
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded reply_markup is not JSON", e);
        }
        return values;
    }
}
