package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Which message a sent message replies to. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplyParameters(long messageId, boolean allowSendingWithoutReply) {
}
