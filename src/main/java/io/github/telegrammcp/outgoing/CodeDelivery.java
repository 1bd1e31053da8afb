package io.github.telegrammcp.outgoing;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.files.ContentTypes;
import io.github.telegrammcp.outgoing.BotMessenger.Upload;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.OutboundFile;
import io.github.telegrammcp.telegram.TelegramLimits;
import io.github.telegrammcp.telegram.render.CodeFormatter;
import io.github.telegrammcp.telegram.render.CodeMessage;
import io.github.telegrammcp.telegram.render.Html;
import io.github.telegrammcp.telegram.render.HtmlSplitter;
import io.github.telegrammcp.telegram.render.MarkdownRenderer;

/**
 * Sends code for a session: highlighted {@code <pre><code>} messages (numbered parts when long), or a file with the
 * language's extension when it would take more than {@value CodeFormatter#MAX_MESSAGES} messages. Each message starts
 * with the session's name.
 */
@ApplicationScoped
public class CodeDelivery {

    private final BotMessenger messenger;
    private final SessionRegistry registry;

    public CodeDelivery(BotMessenger messenger, SessionRegistry registry) {
        this.messenger = messenger;
        this.registry = registry;
    }

    /**
     * What was sent: the message ids, the file name when the code went as a document (else null), and why the messages
     * could not be recorded for reply routing (null when they were).
     */
    public record Result(List<Long> messageIds, String documentName, String unrecorded) {
    }

    /** Formats and sends {@code code}; the caption is Markdown. */
    public Result send(String sessionId, String code, String language, String captionMarkdown) {
        String header = header(registry.currentName());
        CodeMessage formatted = format(header, code, language, captionMarkdown);
        if (formatted instanceof CodeMessage.Messages messages) {
            List<Long> ids = new ArrayList<>();
            String unrecorded = null;
            for (String html : messages.html()) {
                BotMessenger.Sent sent = messenger.sendWithButtons(sessionId, html, null);
                ids.addAll(sent.messageIds());
                unrecorded = unrecorded != null ? unrecorded : sent.unrecorded();
            }
            return new Result(ids, null, unrecorded);
        }
        CodeMessage.AsDocument document = (CodeMessage.AsDocument) formatted;
        OutboundFile file = OutboundFile.ofBytes(document.fileName(), contentType(document.fileName()),
                document.utf8());
        BotMessenger.Sent sent = messenger.sendFileForSession(sessionId, Upload.DOCUMENT, file, header,
                MarkdownRenderer.toTelegramHtml(captionMarkdown));
        return new Result(sent.messageIds(), document.fileName(), sent.unrecorded());
    }

    public static String header(String sessionName) {
        return "💻 <b>[" + Html.escape(sessionName) + "]</b>";
    }

    /** The formatter's decision with {@code header} on its own line at the top of every message. */
    static CodeMessage format(String header, String code, String language, String captionMarkdown) {
        CodeMessage formatted = CodeFormatter.format(code, language, captionMarkdown,
                TelegramLimits.TEXT_CHARACTERS - header.length() - 1, TelegramLimits.CAPTION_CHARACTERS);
        if (formatted instanceof CodeMessage.Messages messages) {
            return new CodeMessage.Messages(messages.html().stream().map(html -> header + "\n" + html).toList());
        }
        return formatted;
    }

    private static String contentType(String fileName) {
        String type = ContentTypes.forFileName(fileName);
        // Source files of unknown type are still text; Telegram previews text/plain.
        return type.equals("application/octet-stream") ? "text/plain" : type;
    }
}
