package io.github.telegrammcp.telegram.api;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Telegram message (the fields this server uses). {@code messageThreadId} is the topic (or, in a supergroup's General
 * topic, the reply thread) it belongs to; {@code isTopicMessage} is true when it was sent in a forum topic.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Message(
        long messageId,
        User from,
        Chat chat,
        long date,
        String text,
        String caption,
        List<PhotoSize> photo,
        Document document,
        Voice voice,
        Message replyToMessage,
        Long messageThreadId,
        Boolean isTopicMessage) {

    public Message(long messageId, User from, Chat chat, long date, String text, String caption, List<PhotoSize> photo,
            Document document, Voice voice, Message replyToMessage) {
        this(messageId, from, chat, date, text, caption, photo, document, voice, replyToMessage, null, null);
    }

    /**
     * The topic this message was written in, or empty for the main chat and the General topic. In a supergroup only a
     * message marked {@code is_topic_message} is in a topic (a reply in General carries a thread id too); in a private
     * chat Telegram sets the thread id only inside a topic.
     */
    public Optional<Long> topicThreadId() {
        if (messageThreadId == null) {
            return Optional.empty();
        }
        boolean privateChat = chat != null && "private".equals(chat.type());
        return Boolean.TRUE.equals(isTopicMessage) || privateChat ? Optional.of(messageThreadId)
                : Optional.empty();
    }
}
