package io.github.telegrammcp.fake;

import java.time.Instant;

/** An answerCallbackQuery call that Telegram accepted. */
public record AnsweredCallback(String callbackQueryId, String text, boolean showAlert, Instant time) {
}
