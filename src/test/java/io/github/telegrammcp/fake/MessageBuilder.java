package io.github.telegrammcp.fake;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTypes.Chat;
import io.github.telegrammcp.fake.BotApiTypes.Document;
import io.github.telegrammcp.fake.BotApiTypes.Message;
import io.github.telegrammcp.fake.BotApiTypes.MessageEntity;
import io.github.telegrammcp.fake.BotApiTypes.PhotoSize;
import io.github.telegrammcp.fake.BotApiTypes.User;
import io.github.telegrammcp.fake.BotApiTypes.Voice;

/** Fluent builder for {@link Message}; the message id is given last, when the chat assigns it. */
final class MessageBuilder {
    private final User from;
    private final Chat chat;
    private Long editDate;
    private Message replyTo;
    private String text;
    private List<MessageEntity> entities;
    private String caption;
    private List<MessageEntity> captionEntities;
    private List<PhotoSize> photo;
    private Document document;
    private Voice voice;
    private JsonNode replyMarkup;
    private Integer threadId;
    private Boolean topicMessage;
    private JsonNode forumTopicCreated;

    MessageBuilder(User from, Chat chat) {
        this.from = from;
        this.chat = chat;
    }

    static MessageBuilder from(Message m) {
        MessageBuilder b = new MessageBuilder(m.from(), m.chat());
        b.editDate = m.editDate();
        b.replyTo = m.replyToMessage();
        b.text = m.text();
        b.entities = m.entities();
        b.caption = m.caption();
        b.captionEntities = m.captionEntities();
        b.photo = m.photo();
        b.document = m.document();
        b.voice = m.voice();
        b.replyMarkup = m.replyMarkup();
        b.threadId = m.messageThreadId();
        b.topicMessage = m.isTopicMessage();
        b.forumTopicCreated = m.forumTopicCreated();
        return b;
    }

    MessageBuilder text(String value, List<MessageEntity> valueEntities) {
        text = value;
        entities = emptyToNull(valueEntities);
        return this;
    }

    MessageBuilder caption(String value, List<MessageEntity> valueEntities) {
        caption = value == null || value.isEmpty() ? null : value;
        captionEntities = caption == null ? null : emptyToNull(valueEntities);
        return this;
    }

    /** Sets the replied message; Telegram nests only one level, so its own reply is dropped. */
    MessageBuilder replyTo(Message original) {
        replyTo = original == null ? null
                : new Message(original.messageId(), original.messageThreadId(), original.from(), original.chat(),
                        original.date(), original.editDate(), original.isTopicMessage(), null, original.text(),
                        original.entities(), original.caption(), original.captionEntities(), original.photo(),
                        original.document(), original.voice(), original.forumTopicCreated(), original.replyMarkup());
        return this;
    }

    MessageBuilder photo(List<PhotoSize> sizes) {
        photo = sizes;
        return this;
    }

    MessageBuilder document(Document value) {
        document = value;
        return this;
    }

    MessageBuilder voice(Voice value) {
        voice = value;
        return this;
    }

    MessageBuilder replyMarkup(JsonNode value) {
        replyMarkup = value;
        return this;
    }

    /** Puts the message in a topic ({@code threadId} null: the main chat or General). */
    MessageBuilder inTopic(Integer thread) {
        threadId = thread;
        topicMessage = thread == null ? null : Boolean.TRUE;
        return this;
    }

    /** Makes this the service message that opens a topic with this name. */
    MessageBuilder forumTopicCreated(JsonNode topic) {
        forumTopicCreated = topic;
        return this;
    }

    MessageBuilder edited() {
        editDate = Instant.now().getEpochSecond();
        return this;
    }

    Message build(int messageId, long date) {
        // The message that opens a topic is its first message: its id is the thread's id.
        Integer thread = forumTopicCreated != null ? Integer.valueOf(messageId) : threadId;
        Boolean topic = forumTopicCreated != null ? Boolean.TRUE : topicMessage;
        return new Message(messageId, thread, from, chat, date, editDate, topic, replyTo, text, entities, caption,
                captionEntities, photo, document, voice, forumTopicCreated, replyMarkup);
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }
}
