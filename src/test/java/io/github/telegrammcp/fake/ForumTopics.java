package io.github.telegrammcp.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.telegrammcp.fake.BotApiTypes.Chat;

/**
 * Topics as Telegram keeps them: in a forum supergroup, and (Bot API 9.3/9.4) in the bot's private chats once threaded
 * mode is switched on in @BotFather. A topic's thread id is the id of the service message that opened it.
 */
public final class ForumTopics {

    /** Telegram's six topic icon colours; the fake hands them out in turn. */
    static final int[] ICON_COLORS = { 0x6FB9F0, 0xFFD67E, 0xCB86DB, 0x8EEE98, 0xFF93B2, 0xFB6F5F };

    /** One topic: {@code closed} by closeForumTopic, {@code deleted} by the owner or deleteForumTopic. */
    public record Topic(long chatId, int threadId, String name, int iconColor, boolean closed, boolean deleted) {
    }

    private final Map<Long, Map<Integer, Topic>> topics = new LinkedHashMap<>();
    private boolean privateTopics;

    synchronized void privateTopics(boolean enabled) {
        privateTopics = enabled;
    }

    synchronized boolean privateTopics() {
        return privateTopics;
    }

    /** Whether the chat can hold topics at all. */
    synchronized boolean allowsTopics(Chat chat) {
        return "private".equals(chat.type()) ? privateTopics : Boolean.TRUE.equals(chat.isForum());
    }

    /** The icon colour the next topic of the chat gets. */
    synchronized int nextIconColor(long chatId) {
        return ICON_COLORS[topics.getOrDefault(chatId, Map.of()).size() % ICON_COLORS.length];
    }

    synchronized Topic add(long chatId, int threadId, String name, int iconColor) {
        Topic topic = new Topic(chatId, threadId, name, iconColor, false, false);
        topics.computeIfAbsent(chatId, id -> new LinkedHashMap<>()).put(threadId, topic);
        return topic;
    }

    /** The topic a message may be posted in, answering like Telegram when it may not. */
    synchronized Topic writable(Chat chat, int threadId) {
        Topic topic = find(chat.id(), threadId);
        if (!allowsTopics(chat) || topic == null || topic.deleted()) {
            throw BotApiError.badRequest("message thread not found");
        }
        if (topic.closed()) {
            throw BotApiError.badRequest("TOPIC_CLOSED");
        }
        return topic;
    }

    /** A topic that exists (closed or not), for the topic-management methods. */
    synchronized Topic existing(Chat chat, Long threadId) {
        if (!allowsTopics(chat)) {
            throw BotApiError.badRequest("the chat is not a forum");
        }
        Topic topic = threadId == null ? null : find(chat.id(), threadId.intValue());
        if (topic == null || topic.deleted()) {
            throw BotApiError.badRequest("TOPIC_ID_INVALID");
        }
        return topic;
    }

    synchronized void replace(Topic topic) {
        topics.get(topic.chatId()).put(topic.threadId(), topic);
    }

    synchronized Topic find(long chatId, int threadId) {
        Map<Integer, Topic> chat = topics.get(chatId);
        return chat == null ? null : chat.get(threadId);
    }

    synchronized List<Topic> all(long chatId) {
        return new ArrayList<>(topics.getOrDefault(chatId, Map.of()).values());
    }
}
