package io.github.telegrammcp.fake;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTypes.Chat;
import io.github.telegrammcp.fake.BotApiTypes.Message;

/** sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage and sendChatAction. */
final class MessageMethods {

    private static final String NOT_MODIFIED = "message is not modified: specified new message content and reply "
            + "markup are exactly the same as a current content and reply markup of the message";
    private static final Set<String> CHAT_ACTIONS = Set.of("typing", "upload_photo", "record_video", "upload_video",
            "record_voice", "upload_voice", "upload_document", "choose_sticker", "find_location",
            "record_video_note", "upload_video_note");

    private final BotState state;

    MessageMethods(BotState state) {
        this.state = state;
    }

    void register(Map<String, MethodHandler> table) {
        table.put("sendMessage", this::sendMessage);
        table.put("editMessageText", this::editMessageText);
        table.put("editMessageReplyMarkup", this::editMessageReplyMarkup);
        table.put("deleteMessage", this::deleteMessage);
        table.put("sendChatAction", this::sendChatAction);
    }

    private Message sendMessage(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        FormattedText text = FormattedText.parse(request.params().get("text"), request.string("parse_mode"))
                .requireMessageText();
        JsonNode markup = ReplyMarkupValidator.validate(request);
        Message replyTo = state.replyTarget(request, chat.id());
        Integer thread = state.thread(request, chat);
        state.flood.acquire(chat.id());
        Message message = state.chats.append(chat.id(), id -> new MessageBuilder(state.bot, chat)
                .text(text.visible(), text.entities()).replyTo(replyTo).replyMarkup(BotState.attachedMarkup(markup))
                .inTopic(thread));
        state.recorder.sent(new SentMessage(SentMessage.Kind.TEXT, chat.id(), message.messageId(), text.raw(),
                text.parseMode(), text.visible(), request.string("reply_markup"),
                replyTo == null ? null : replyTo.messageId(), null, null, null, Instant.now(), thread));
        return message;
    }

    private Message editMessageText(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        int messageId = messageId(request);
        FormattedText text = FormattedText.parse(request.params().get("text"), request.string("parse_mode"))
                .requireMessageText();
        JsonNode markup = BotState.attachedMarkup(ReplyMarkupValidator.validate(request));
        Message old = editable(chat, messageId);
        if (old.text() == null) {
            throw BotApiError.badRequest("there is no text in the message to edit");
        }
        if (old.text().equals(text.visible()) && sameEntities(old, text) && Objects.equals(old.replyMarkup(), markup)) {
            throw BotApiError.badRequest(NOT_MODIFIED);
        }
        // Like Telegram, an edit without reply_markup removes the inline keyboard
        Message updated = MessageBuilder.from(old).text(text.visible(), text.entities()).replyMarkup(markup).edited()
                .build(old.messageId(), old.date());
        state.chats.replace(updated);
        state.recorder.edit(new MessageEdit("editMessageText", chat.id(), messageId, text.raw(), text.parseMode(),
                text.visible(), request.string("reply_markup"), Instant.now()));
        return updated;
    }

    private Message editMessageReplyMarkup(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        int messageId = messageId(request);
        JsonNode markup = BotState.attachedMarkup(ReplyMarkupValidator.validate(request));
        Message old = editable(chat, messageId);
        if (Objects.equals(old.replyMarkup(), markup)) {
            throw BotApiError.badRequest(NOT_MODIFIED);
        }
        Message updated = MessageBuilder.from(old).replyMarkup(markup).edited().build(old.messageId(), old.date());
        state.chats.replace(updated);
        state.recorder.edit(new MessageEdit("editMessageReplyMarkup", chat.id(), messageId, null, null, null,
                request.string("reply_markup"), Instant.now()));
        return updated;
    }

    private Boolean deleteMessage(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        if (!state.chats.delete(chat.id(), messageId(request))) {
            throw BotApiError.badRequest("message to delete not found");
        }
        return Boolean.TRUE;
    }

    private Boolean sendChatAction(ApiRequest request) {
        state.chats.require(request.string("chat_id"));
        if (!CHAT_ACTIONS.contains(request.string("action"))) {
            throw BotApiError.badRequest("wrong parameter action in request");
        }
        return Boolean.TRUE;
    }

    private static int messageId(ApiRequest request) {
        Long id = request.longValue("message_id");
        if (id == null) {
            throw BotApiError.badRequest("message identifier is not specified");
        }
        return id.intValue();
    }

    private Message editable(Chat chat, int messageId) {
        Message old = state.chats.find(chat.id(), messageId);
        if (old == null) {
            throw BotApiError.badRequest("message to edit not found");
        }
        if (!old.from().isBot()) {
            throw BotApiError.badRequest("message can't be edited");
        }
        return old;
    }

    private static boolean sameEntities(Message old, FormattedText text) {
        List<?> before = old.entities() == null ? List.of() : old.entities();
        return before.equals(text.entities());
    }
}
