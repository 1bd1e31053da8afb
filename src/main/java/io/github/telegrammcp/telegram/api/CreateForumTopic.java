package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Parameters of createForumTopic (a forum supergroup, or a private chat since Bot API 9.4); name 1-128 characters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CreateForumTopic(long chatId, String name) {
}
