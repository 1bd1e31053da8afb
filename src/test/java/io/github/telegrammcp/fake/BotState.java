package io.github.telegrammcp.fake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTypes.BotCommand;
import io.github.telegrammcp.fake.BotApiTypes.Message;
import io.github.telegrammcp.fake.BotApiTypes.User;

/** Telegram's side of the conversation, shared by the method handlers and the test-facing API. */
final class BotState {

    final User bot = new User(FakeBotApi.BOT_USER_ID, true, "Fake Test Bot", FakeBotApi.BOT_USERNAME);
    final ChatStore chats = new ChatStore();
    final FileStore files = new FileStore();
    final UpdateQueue updates = new UpdateQueue();
    final Recorder recorder = new Recorder();
    final FaultScript faults = new FaultScript();
    final FloodGate flood = new FloodGate();
    final ForumTopics topics = new ForumTopics();

    private final Set<String> openCallbacks = new HashSet<>();
    private List<BotCommand> commands = List.of();
    private String commandScope;
    private long callbackCounter = 4_000_000_000_000_000_000L;

    synchronized String openCallback() {
        String id = Long.toString(++callbackCounter);
        openCallbacks.add(id);
        return id;
    }

    /** Marks a callback query answered; false when it is unknown or was answered before. */
    synchronized boolean closeCallback(String id) {
        return id != null && openCallbacks.remove(id);
    }

    synchronized void commands(List<BotCommand> value, String scope) {
        commands = List.copyOf(value);
        commandScope = scope;
    }

    synchronized List<BotCommand> commands() {
        return commands;
    }

    synchronized String commandScope() {
        return commandScope;
    }

    /** Finds the message a reply points at, answering like Telegram when it does not exist. */
    Message replyTarget(ApiRequest request, long chatId) {
        Long replyTo = request.longValue("reply_to_message_id");
        boolean allowWithout = request.bool("allow_sending_without_reply");
        JsonNode parameters = request.json("reply_parameters", "can't parse reply parameters JSON object");
        if (parameters != null) {
            replyTo = parameters.hasNonNull("message_id") ? parameters.get("message_id").asLong() : null;
            allowWithout = parameters.path("allow_sending_without_reply").asBoolean(false);
        }
        if (replyTo == null) {
            return null;
        }
        Message target = chats.find(chatId, replyTo.intValue());
        if (target == null && !allowWithout) {
            throw BotApiError.badRequest("message to be replied not found");
        }
        return target;
    }

    /** The topic a send names in message_thread_id, or null for the main chat; refuses like Telegram. */
    Integer thread(ApiRequest request, BotApiTypes.Chat chat) {
        Long thread = request.longValue("message_thread_id");
        return thread == null ? null : topics.writable(chat, thread.intValue()).threadId();
    }

    /** Only inline keyboards stay attached to a message; other keyboards live in the client. */
    static JsonNode attachedMarkup(JsonNode markup) {
        return markup != null && markup.has("inline_keyboard") ? markup : null;
    }

    static List<String> names(List<BotCommand> commands) {
        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.command()));
        return names;
    }
}
