package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A topic createForumTopic made: its thread id goes into {@code message_thread_id} of every send. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ForumTopic(long messageThreadId, String name) {
}
