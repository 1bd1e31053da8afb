package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Parameters of getChat. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GetChat(long chatId) {
}
