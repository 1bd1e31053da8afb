package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Why a request failed: how long to wait after a flood error, or the new id of a migrated group. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponseParameters(Integer retryAfter, Long migrateToChatId) {
}
