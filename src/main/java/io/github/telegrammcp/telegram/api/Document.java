package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A general file sent as a document. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Document(String fileId, String fileUniqueId, String fileName, String mimeType, Long fileSize) {
}
