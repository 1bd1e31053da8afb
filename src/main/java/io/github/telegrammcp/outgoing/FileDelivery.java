package io.github.telegrammcp.outgoing;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.files.ContentTypes;
import io.github.telegrammcp.files.FileSnapshot;
import io.github.telegrammcp.files.ImageInfo;
import io.github.telegrammcp.files.PathPolicy;
import io.github.telegrammcp.outgoing.BotMessenger.Upload;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.OutboundFile;
import io.github.telegrammcp.telegram.TelegramLimits;
import io.github.telegrammcp.telegram.render.Html;
import io.github.telegrammcp.telegram.render.MarkdownRenderer;

/**
 * Sends local images and files to the owner for a session: checks the path ({@link PathPolicy}) and Telegram's limits,
 * and picks photo or document.
 */
@ApplicationScoped
public class FileDelivery {

    private final Settings settings;
    private final SessionRegistry registry;
    private final BotMessenger messenger;

    public FileDelivery(Settings settings, SessionRegistry registry, BotMessenger messenger) {
        this.settings = settings;
        this.registry = registry;
        this.messenger = messenger;
    }

    /**
     * Sends an image as a photo when Telegram can show it as one, otherwise as a document (see the note). The checks
     * and the report are about the bytes actually sent, read once into a {@link FileSnapshot}.
     */
    public Delivery sendImage(String sessionId, String imagePath, String captionMarkdown) {
        Path file = resolve(imagePath);
        String name = file.getFileName().toString();
        try (FileSnapshot snapshot = FileSnapshot.take(file, imagePath, TelegramLimits.UPLOAD_BYTES, ImageInfo.HEAD_BYTES)) {
            long size = snapshot.size();
            Optional<ImageInfo> image = ImageInfo.probe(snapshot.head());
            String note = image.map(info -> whyNotAPhoto(info, size)).orElse("it is not a PNG, JPEG, GIF or WebP image"
                    + " (checked by its content), the formats Telegram shows as photos");
            Upload kind = note.isEmpty() ? Upload.PHOTO : Upload.DOCUMENT;
            String contentType = image.map(info -> info.format().contentType()).orElse(ContentTypes.forFileName(name));
            BotMessenger.Sent sent = messenger.sendFileForSession(sessionId, kind, OutboundFile.ofPath(snapshot.path(),
                    name, contentType, size), header("🖼"), MarkdownRenderer.toTelegramHtml(captionMarkdown));
            return new Delivery(sent.messageIds(), name, size, kind == Upload.PHOTO, note, snapshot.change(),
                    sent.unrecorded());
        }
    }

    /** Sends any file as a document, unchanged: the bytes read once into a {@link FileSnapshot}. */
    public Delivery sendFile(String sessionId, String filePath, String captionMarkdown) {
        Path file = resolve(filePath);
        String name = file.getFileName().toString();
        try (FileSnapshot snapshot = FileSnapshot.take(file, filePath, TelegramLimits.UPLOAD_BYTES, ImageInfo.HEAD_BYTES)) {
            String contentType = ImageInfo.probe(snapshot.head()).map(info -> info.format().contentType())
                    .orElse(ContentTypes.forFileName(name));
            BotMessenger.Sent sent = messenger.sendFileForSession(sessionId, Upload.DOCUMENT, OutboundFile.ofPath(
                    snapshot.path(), name, contentType, snapshot.size()), header("📎"),
                    MarkdownRenderer.toTelegramHtml(captionMarkdown));
            return new Delivery(sent.messageIds(), name, snapshot.size(), false, "", snapshot.change(),
                    sent.unrecorded());
        }
    }

    /** Why an image must go as a document, or the empty string when it can be a photo. */
    static String whyNotAPhoto(ImageInfo info, long size) {
        if (size > TelegramLimits.PHOTO_BYTES) {
            return "it is " + megabytes(size) + " and Telegram limits photos to 10 MB";
        }
        if (info.aspectRatio() > TelegramLimits.PHOTO_MAX_ASPECT) {
            return String.format(Locale.ROOT, "it is %d×%d pixels, more elongated than the 20:1 Telegram allows for"
                    + " photos", info.width(), info.height());
        }
        if ((long) info.width() + info.height() > TelegramLimits.PHOTO_MAX_SIDES) {
            return "it is " + info.width() + "×" + info.height() + " pixels, larger than Telegram allows for photos"
                    + " (width + height at most 10000)";
        }
        return "";
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (double) TelegramLimits.MB);
    }

    private Path resolve(String requested) {
        return PathPolicy.resolve(registry.projectDirectory(), requested, settings.allowedPaths(), false);
    }

    private String header(String icon) {
        return icon + " <b>[" + Html.escape(registry.currentName()) + "]</b>";
    }
}
