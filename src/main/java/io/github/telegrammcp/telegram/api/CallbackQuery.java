package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A press on an inline button. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallbackQuery(String id, User from, Message message, String chatInstance, String data) {
}
