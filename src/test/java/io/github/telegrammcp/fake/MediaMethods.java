package io.github.telegrammcp.fake;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTypes.Chat;
import io.github.telegrammcp.fake.BotApiTypes.Document;
import io.github.telegrammcp.fake.BotApiTypes.File;
import io.github.telegrammcp.fake.BotApiTypes.Message;
import io.github.telegrammcp.fake.BotApiTypes.PhotoSize;

/** sendPhoto, sendDocument and getFile, with Telegram's size and format limits. */
final class MediaMethods {

    static final long MB = 1024L * 1024L;
    static final long MAX_UPLOAD = 50 * MB;
    static final long MAX_PHOTO = 10 * MB;
    static final long MAX_DOWNLOAD = 20 * MB;

    /** A 1x1 PNG served for the small thumbnail sizes, so a client that picks the wrong size gets other bytes. */
    private static final byte[] THUMBNAIL = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private final BotState state;

    MediaMethods(BotState state) {
        this.state = state;
    }

    void register(Map<String, MethodHandler> table) {
        table.put("sendPhoto", this::sendPhoto);
        table.put("sendDocument", this::sendDocument);
        table.put("getFile", this::getFile);
    }

    private Message sendPhoto(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        FormattedText caption = caption(request);
        JsonNode markup = ReplyMarkupValidator.validate(request);
        UploadedFile photo = upload(request, "photo");
        if (photo.size() > MAX_PHOTO) {
            throw BotApiError.badRequest("PHOTO_SAVE_FILE_INVALID");
        }
        if (!PhotoDecoder.isImage(photo.bytes())) {
            throw BotApiError.badRequest("IMAGE_PROCESS_FAILED");
        }
        Message replyTo = state.replyTarget(request, chat.id());
        Integer thread = state.thread(request, chat);
        state.flood.acquire(chat.id());
        List<PhotoSize> sizes = storePhoto(state.files, photo.bytes());
        Message message = state.chats.append(chat.id(), id -> new MessageBuilder(state.bot, chat).photo(sizes)
                .caption(caption.visible(), caption.entities()).replyTo(replyTo)
                .replyMarkup(BotState.attachedMarkup(markup)).inTopic(thread));
        record(SentMessage.Kind.PHOTO, request, message, caption, replyTo, photo);
        return message;
    }

    private Message sendDocument(ApiRequest request) {
        Chat chat = state.chats.require(request.string("chat_id"));
        FormattedText caption = caption(request);
        JsonNode markup = ReplyMarkupValidator.validate(request);
        UploadedFile file = upload(request, "document");
        Message replyTo = state.replyTarget(request, chat.id());
        Integer thread = state.thread(request, chat);
        state.flood.acquire(chat.id());
        Document document = storeDocument(state.files, file.fileName(), file.contentType(), file.bytes(), 0);
        Message message = state.chats.append(chat.id(), id -> new MessageBuilder(state.bot, chat).document(document)
                .caption(caption.visible(), caption.entities()).replyTo(replyTo)
                .replyMarkup(BotState.attachedMarkup(markup)).inTopic(thread));
        record(SentMessage.Kind.DOCUMENT, request, message, caption, replyTo, file);
        return message;
    }

    private File getFile(ApiRequest request) {
        FileStore.StoredFile file = state.files.byId(request.string("file_id"));
        if (file == null) {
            throw BotApiError.badRequest("invalid file_id");
        }
        if (file.size() > MAX_DOWNLOAD) {
            throw BotApiError.badRequest("file is too big");
        }
        return file.asFile();
    }

    private static FormattedText caption(ApiRequest request) {
        return FormattedText.parse(request.params().get("caption"), request.string("parse_mode")).requireCaption();
    }

    /** The file to send: an uploaded part (also via attach://name) or the file_id of a file Telegram has. */
    private UploadedFile upload(ApiRequest request, String field) {
        UploadedFile part = request.files().get(field);
        String value = request.string(field);
        if (part == null && value != null && value.startsWith("attach://")) {
            part = request.files().get(value.substring("attach://".length()));
        }
        if (part == null && value != null) {
            FileStore.StoredFile known = state.files.byId(value);
            if (known == null || known.bytes() == null) {
                throw BotApiError.badRequest("wrong file identifier/HTTP URL specified");
            }
            part = new UploadedFile(field, FileStore.extensionOf(known.filePath()).isEmpty() ? "file"
                    : "file." + FileStore.extensionOf(known.filePath()), "application/octet-stream", known.bytes());
        }
        if (part == null) {
            throw BotApiError.badRequest("there is no " + field + " in the request");
        }
        if (part.size() > MAX_UPLOAD) {
            throw new BotApiError(413, "Request Entity Too Large", null);
        }
        if (part.size() == 0) {
            throw BotApiError.badRequest("file must be non-empty");
        }
        return part;
    }

    private void record(SentMessage.Kind kind, ApiRequest request, Message message, FormattedText caption,
            Message replyTo, UploadedFile file) {
        state.recorder.sent(new SentMessage(kind, message.chat().id(), message.messageId(), caption.raw(),
                caption.parseMode(), caption.visible(), request.string("reply_markup"),
                replyTo == null ? null : replyTo.messageId(), file.fileName(), file.contentType(), file.bytes(),
                Instant.now(), message.messageThreadId()));
    }

    /** Stores a photo as Telegram does: small thumbnails first, the full image last. */
    static List<PhotoSize> storePhoto(FileStore files, byte[] bytes) {
        PhotoDecoder.Size size = PhotoDecoder.sizeOf(bytes);
        int longest = Math.max(size.width(), size.height());
        PhotoSize small = thumbnail(files, size, Math.min(90, longest));
        FileStore.StoredFile full = files.add("photos", "jpg", bytes, 0);
        PhotoSize original = new PhotoSize(full.fileId(), full.fileUniqueId(), size.width(), size.height(), full.size());
        if (longest <= 320) {
            return List.of(small, original);
        }
        return List.of(small, thumbnail(files, size, 320), original);
    }

    private static PhotoSize thumbnail(FileStore files, PhotoDecoder.Size size, int longestSide) {
        double scale = (double) longestSide / Math.max(size.width(), size.height());
        FileStore.StoredFile file = files.add("photos", "jpg", THUMBNAIL, 0);
        return new PhotoSize(file.fileId(), file.fileUniqueId(), Math.max(1, (int) Math.round(size.width() * scale)),
                Math.max(1, (int) Math.round(size.height() * scale)), file.size());
    }

    static Document storeDocument(FileStore files, String fileName, String mimeType, byte[] bytes, long declaredSize) {
        FileStore.StoredFile file = files.add("documents", FileStore.extensionOf(fileName), bytes, declaredSize);
        return new Document(file.fileId(), file.fileUniqueId(), fileName, mimeType, file.size());
    }
}
