package io.github.telegrammcp.fake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Bot API objects the fake creates and serves, with Bot API names (serialized in snake_case, nulls omitted).
 * Nested so they do not clash with the application's own Telegram DTOs in tests that use both.
 */
public final class BotApiTypes {

    private BotApiTypes() {
    }

    /** A Telegram user or bot. */
    public record User(long id, boolean isBot, String firstName, String username) {
    }

    /** A chat; {@code type} is private, group, supergroup or channel; {@code isForum} true for a forum supergroup. */
    public record Chat(long id, String type, String title, String firstName, String username, Boolean isForum) {

        public Chat(long id, String type, String title, String firstName, String username) {
            this(id, type, title, firstName, username, null);
        }
    }

    /** One size of a photo. */
    public record PhotoSize(String fileId, String fileUniqueId, int width, int height, long fileSize) {
    }

    /** A general file. */
    public record Document(String fileId, String fileUniqueId, String fileName, String mimeType, long fileSize) {
    }

    /** A voice note. */
    public record Voice(String fileId, String fileUniqueId, int duration, String mimeType, long fileSize) {
    }

    /** A formatting entity; offsets and lengths in UTF-16 code units. */
    public record MessageEntity(String type, int offset, int length, String url, String language,
            String customEmojiId) {
    }

    /**
     * A message; absent parts are null (and omitted from JSON). {@code messageThreadId} and {@code isTopicMessage} are
     * set for messages in a topic (Bot API 9.3 private-chat topics, forum supergroups); {@code forumTopicCreated} is
     * the service message that starts a topic.
     */
    public record Message(int messageId, Integer messageThreadId, User from, Chat chat, long date, Long editDate,
            Boolean isTopicMessage, Message replyToMessage, String text, List<MessageEntity> entities, String caption,
            List<MessageEntity> captionEntities, List<PhotoSize> photo, Document document, Voice voice,
            JsonNode forumTopicCreated, JsonNode replyMarkup) {

        /** The last (largest) photo size, or null. */
        public PhotoSize largestPhoto() {
            return photo == null || photo.isEmpty() ? null : photo.get(photo.size() - 1);
        }
    }

    /** A press on an inline keyboard button. */
    public record CallbackQuery(String id, User from, Message message, String chatInstance, String data) {
    }

    /**
     * One incoming update; exactly one of the optional parts is set, or {@code raw} (served as it is, for updates the
     * typed parts cannot express).
     */
    public record Update(long updateId, Message message, Message editedMessage, CallbackQuery callbackQuery,
            @JsonIgnore JsonNode raw) {

        public Update(long updateId, Message message, Message editedMessage, CallbackQuery callbackQuery) {
            this(updateId, message, editedMessage, callbackQuery, null);
        }

        /** The Bot API name of the part that is set, as used in allowed_updates. */
        public String type() {
            if (raw != null) {
                for (var names = raw.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    if (!name.equals("update_id")) {
                        return name;
                    }
                }
                return "unknown";
            }
            if (message != null) {
                return "message";
            }
            return editedMessage != null ? "edited_message" : "callback_query";
        }
    }

    /** A file ready to be downloaded from {@code /file/bot<token>/<file_path>}. */
    public record File(String fileId, String fileUniqueId, long fileSize, String filePath) {
    }

    /** A topic, as createForumTopic answers. */
    public record ForumTopic(int messageThreadId, String name, int iconColor) {
    }

    /** A command of the bot's menu. */
    public record BotCommand(String command, String description) {
    }
}
