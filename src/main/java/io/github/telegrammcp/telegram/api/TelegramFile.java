package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The Bot API {@code File}: where a file can be downloaded. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TelegramFile(String fileId, String fileUniqueId, Long fileSize, String filePath) {
}
