package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Parameters of closeForumTopic and reopenForumTopic: the chat and the topic's thread id. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TopicThread(long chatId, long messageThreadId) {
}
