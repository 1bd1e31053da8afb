package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A voice note. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Voice(String fileId, String fileUniqueId, int duration, String mimeType, Long fileSize) {
}
