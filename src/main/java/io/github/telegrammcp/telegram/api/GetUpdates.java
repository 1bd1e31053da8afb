package io.github.telegrammcp.telegram.api;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Parameters of getUpdates. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GetUpdates(long offset, int limit, int timeout, List<String> allowedUpdates) {
}
