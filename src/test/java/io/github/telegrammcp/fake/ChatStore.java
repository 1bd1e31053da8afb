package io.github.telegrammcp.fake;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.telegrammcp.fake.BotApiTypes.Chat;
import io.github.telegrammcp.fake.BotApiTypes.Message;
import io.github.telegrammcp.fake.BotApiTypes.User;

/** The chats the bot knows and every message in them; message ids count up per chat from 1, as in Telegram. */
final class ChatStore {

    private static final class ChatState {
        final Chat chat;
        int nextMessageId = 1;
        final Map<Integer, Message> messages = new HashMap<>();

        ChatState(Chat chat) {
            this.chat = chat;
        }
    }

    private final Map<Long, ChatState> chats = new HashMap<>();

    static User userFor(long userId) {
        if (userId == FakeBotApi.OWNER_CHAT_ID) {
            return new User(userId, false, "Owner", "owner");
        }
        return new User(userId, false, "User" + userId, "user" + userId);
    }

    ChatStore() {
        User owner = userFor(FakeBotApi.OWNER_CHAT_ID);
        known(new Chat(owner.id(), "private", null, owner.firstName(), owner.username()));
    }

    synchronized Chat known(Chat chat) {
        return chats.computeIfAbsent(chat.id(), id -> new ChatState(chat)).chat;
    }

    /** Resolves a chat_id parameter, answering like Telegram when the chat is unknown. */
    synchronized Chat require(String chatId) {
        if (chatId == null || chatId.isEmpty()) {
            throw BotApiError.badRequest("chat_id is empty");
        }
        try {
            ChatState state = chats.get(Long.parseLong(chatId.trim()));
            if (state != null) {
                return state.chat;
            }
        } catch (NumberFormatException e) {
            // a @username the fake does not know
        }
        throw BotApiError.badRequest("chat not found");
    }

    /** Stores a new message in the chat with the next id and the current date. */
    synchronized Message append(long chatId, Function<Integer, MessageBuilder> draft) {
        ChatState state = state(chatId);
        int id = state.nextMessageId++;
        Message message = draft.apply(id).build(id, Instant.now().getEpochSecond());
        state.messages.put(id, message);
        return message;
    }

    /**
     * Puts a message that an earlier server sent into the chat, with its own id; new messages get higher ids than
     * {@code nextMessageId - 1}.
     */
    synchronized void recall(long chatId, int messageId, Function<Integer, MessageBuilder> draft, int nextMessageId) {
        ChatState state = state(chatId);
        state.messages.put(messageId, draft.apply(messageId).build(messageId, Instant.now().getEpochSecond()));
        state.nextMessageId = Math.max(state.nextMessageId, nextMessageId);
    }

    synchronized Message find(long chatId, int messageId) {
        ChatState state = chats.get(chatId);
        return state == null ? null : state.messages.get(messageId);
    }

    synchronized void replace(Message message) {
        state(message.chat().id()).messages.put(message.messageId(), message);
    }

    synchronized boolean delete(long chatId, int messageId) {
        ChatState state = chats.get(chatId);
        return state != null && state.messages.remove(messageId) != null;
    }

    private ChatState state(long chatId) {
        ChatState state = chats.get(chatId);
        if (state == null) {
            throw new IllegalArgumentException("unknown chat " + chatId);
        }
        return state;
    }
}
