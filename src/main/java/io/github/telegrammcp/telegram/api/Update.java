package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One incoming update from getUpdates. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Update(long updateId, Message message, Message editedMessage, CallbackQuery callbackQuery) {
}
