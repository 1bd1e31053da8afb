package io.github.telegrammcp.telegram.api;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Rows of inline buttons. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InlineKeyboardMarkup(List<List<InlineKeyboardButton>> inlineKeyboard) {
}
