package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Telegram user or bot. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record User(long id, boolean isBot, String firstName, String username) {
}
