package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One size of a photo. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PhotoSize(String fileId, String fileUniqueId, int width, int height, Long fileSize) {
}
