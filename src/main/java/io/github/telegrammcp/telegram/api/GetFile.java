package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Parameters of getFile. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GetFile(String fileId) {
}
