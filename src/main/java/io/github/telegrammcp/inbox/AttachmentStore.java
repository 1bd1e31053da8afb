package io.github.telegrammcp.inbox;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.TelegramFile;

/**
 * Saves photos, documents and voice notes the owner sent under {@code <state>/media/<session>/}, in the process that
 * receives them (which may be on another machine than the poller).
 */
@ApplicationScoped
public class AttachmentStore {

    private static final Logger LOG = Logger.getLogger(AttachmentStore.class);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Settings settings;
    private final TelegramClient client;
    private final InboxService inbox;

    @Inject
    public AttachmentStore(Settings settings, TelegramClient client, InboxService inbox) {
        this.settings = settings;
        this.client = client;
        this.inbox = inbox;
    }

    /** Downloads the message's attachment and returns its absolute path; records the path on the message. */
    public Path save(InboxMessage message, String sessionName) throws IOException {
        TelegramFile file = client.getFile(message.telegramFileId);
        if (file.filePath() == null) {
            throw TelegramApiException.network("Telegram gave no download path", false);
        }
        Path dir = StateDirectory.ensureExists(settings.stateDir().resolve("media").resolve(safe(sessionName)));
        String name = STAMP.format(LocalDateTime.now()) + "-" + message.id + "-" + safe(message.fileName == null
                ? Path.of(file.filePath()).getFileName().toString() : message.fileName);
        Path target = dir.resolve(name);
        client.download(file.filePath(), target);
        Path saved = target.toAbsolutePath();
        message.filePath = saved.toString();
        try {
            inbox.setFilePath(message.id, saved.toString());
        } catch (RuntimeException e) {
            // The file is saved and its path goes to the session; the row only remembers it.
            LOG.warnf("Saved %s but could not record its path: %s", saved, e.getMessage());
        }
        return saved;
    }

    /** A file name without directories or characters that shells and file systems trip on. */
    static String safe(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String cleaned = base.replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '.')) {
            return "file";
        }
        return cleaned.length() > 100 ? cleaned.substring(cleaned.length() - 100) : cleaned;
    }
}
