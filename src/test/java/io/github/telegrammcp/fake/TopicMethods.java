package io.github.telegrammcp.fake;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.telegrammcp.fake.BotApiTypes.Chat;
import io.github.telegrammcp.fake.BotApiTypes.ForumTopic;

/** getChat, createForumTopic, editForumTopic, closeForumTopic, reopenForumTopic and deleteForumTopic. */
final class TopicMethods {

    private final BotState state;

    TopicMethods(BotState state) {
        this.state = state;
    }

    void register(Map<String, MethodHandler> table) {
        table.put("getChat", this::getChat);
        table.put("createForumTopic", this::createForumTopic);
        table.put("editForumTopic", this::editForumTopic);
        table.put("closeForumTopic", request -> setClosed(request, true));
        table.put("reopenForumTopic", request -> setClosed(request, false));
        table.put("deleteForumTopic", this::deleteForumTopic);
    }

    private Map<String, Object> getChat(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("id", chat.id());
        full.put("type", chat.type());
        if (chat.title() != null) {
            full.put("title", chat.title());
        }
        if (chat.firstName() != null) {
            full.put("first_name", chat.firstName());
        }
        if (Boolean.TRUE.equals(chat.isForum())) {
            full.put("is_forum", true);
        }
        full.put("accent_color_id", 0);
        full.put("max_reaction_count", 11);
        return full;
    }

    private ForumTopic createForumTopic(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        if (!state.topics.allowsTopics(chat)) {
            throw BotApiError.badRequest("the chat is not a forum");
        }
        String name = topicName(request.string("name"));
        synchronized (state) {
            int color = state.topics.nextIconColor(chat.id());
            var created = ApiHttpHandler.JSON.createObjectNode().put("name", name).put("icon_color", color);
            var message = state.chats.append(chat.id(), id -> new MessageBuilder(state.bot, chat)
                    .forumTopicCreated(created));
            ForumTopics.Topic topic = state.topics.add(chat.id(), message.messageId(), name, color);
            return new ForumTopic(topic.threadId(), topic.name(), topic.iconColor());
        }
    }

    private Boolean editForumTopic(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        ForumTopics.Topic topic = state.topics.existing(chat, request.longValue("message_thread_id"));
        String name = request.string("name");
        if (name == null) {
            return Boolean.TRUE;
        }
        String checked = topicName(name);
        if (checked.equals(topic.name())) {
            throw BotApiError.badRequest("TOPIC_NOT_MODIFIED");
        }
        state.topics.replace(new ForumTopics.Topic(topic.chatId(), topic.threadId(), checked, topic.iconColor(),
                topic.closed(), false));
        return Boolean.TRUE;
    }

    private Boolean setClosed(ApiRequest request, boolean closed) {
        Chat chat = state.chats.require(request.string("chat_id"));
        ForumTopics.Topic topic = state.topics.existing(chat, request.longValue("message_thread_id"));
        if (topic.closed() == closed) {
            throw BotApiError.badRequest("TOPIC_NOT_MODIFIED");
        }
        state.topics.replace(new ForumTopics.Topic(topic.chatId(), topic.threadId(), topic.name(), topic.iconColor(),
                closed, false));
        return Boolean.TRUE;
    }

    private Boolean deleteForumTopic(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        ForumTopics.Topic topic = state.topics.existing(chat, request.longValue("message_thread_id"));
        state.topics.replace(new ForumTopics.Topic(topic.chatId(), topic.threadId(), topic.name(), topic.iconColor(),
                topic.closed(), true));
        return Boolean.TRUE;
    }

    private static String topicName(String name) {
        if (name == null || name.isBlank()) {
            throw BotApiError.badRequest("TOPIC_TITLE_EMPTY");
        }
        if (name.codePointCount(0, name.length()) > 128) {
            throw BotApiError.badRequest("TOPIC_TITLE_TOO_LONG");
        }
        return name;
    }
}
