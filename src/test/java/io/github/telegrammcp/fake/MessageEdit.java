package io.github.telegrammcp.fake;

import java.time.Instant;

/**
 * A successful edit: {@code editMessageText} (with the new raw and visible text) or {@code editMessageReplyMarkup}
 * (text fields null); {@code replyMarkup} is the new markup JSON, null when the keyboard was removed.
 */
public record MessageEdit(String method, long chatId, int messageId, String rawText, String parseMode,
        String visibleText, String replyMarkup, Instant time) {
}
