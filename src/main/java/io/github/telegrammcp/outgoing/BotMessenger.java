package io.github.telegrammcp.outgoing;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.StoreProblems;
import io.github.telegrammcp.telegram.OutboundFile;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.TelegramLimits;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.api.Message;
import io.github.telegrammcp.telegram.api.SendMessage;
import io.github.telegrammcp.telegram.render.Html;
import io.github.telegrammcp.telegram.render.HtmlSplitter;
import io.github.telegrammcp.topics.Topics;

/**
 * Sends HTML to the owner's chat: split into valid messages of at most 4096 characters, resent once as plain text if
 * Telegram rejects the entities, and recorded per session so that replies find their way back.
 */
@ApplicationScoped
public class BotMessenger {

    private static final Logger LOG = Logger.getLogger(BotMessenger.class);

    private final Settings settings;
    private final TelegramClient client;
    private final SessionRegistry registry;
    private final StoreProblems problems;
    private final Topics topics;

    public BotMessenger(Settings settings, TelegramClient client, SessionRegistry registry, StoreProblems problems,
            Topics topics) {
        this.settings = settings;
        this.client = client;
        this.registry = registry;
        this.problems = problems;
        this.topics = topics;
    }

    /**
     * The messages one send produced; buttons, if any, are under the last one. {@code unrecorded} is null when every
     * message was recorded for reply routing, else why some could not be (they were sent all the same).
     */
    public record Sent(List<Long> messageIds, long lastMessageId, String lastHtml, String unrecorded) {

        /** A sentence for a tool result when recording failed, else the empty string. */
        public String recordingNote() {
            return BotMessenger.recordingNote(unrecorded);
        }
    }

    /** A sentence for a tool result saying why sent messages could not be recorded; empty for null. */
    public static String recordingNote(String unrecorded) {
        return unrecorded == null ? "" : " It was sent, but could not be recorded for reply routing (" + unrecorded
                + "), so a reply to it may not reach this session; the owner can use /to instead.";
    }

    /**
     * Sends a message on behalf of a session and records it for reply routing; returns the Telegram message ids. Text
     * longer than one message is split, and every part after the first starts with the session's name.
     */
    public List<Long> sendForSession(String sessionId, String html) {
        return sendWithButtons(sessionId, html, null).messageIds();
    }

    /** Sends a bot message that belongs to no session (command answers, notices). */
    public List<Long> sendToOwner(String html) {
        return sendWithButtons(null, html, null).messageIds();
    }

    /**
     * Sends HTML, split as needed, with buttons under the last part; records every part for reply routing when a
     * session is given.
     */
    public Sent sendWithButtons(String sessionId, String html, InlineKeyboardMarkup markup) {
        return send(sessionId, new Target(sessionId == null ? null : topics.threadFor(sessionId).orElse(null)), html,
                markup);
    }

    /**
     * Sends a bot message that belongs to no session into a topic ({@code threadId} null: the main chat), such as the
     * answer to a command the owner wrote there. A refused topic falls back to the main chat.
     */
    public Sent sendToOwnerInThread(Long threadId, String html, InlineKeyboardMarkup markup) {
        return send(null, new Target(threadId), html, markup);
    }

    private Sent send(String sessionId, Target thread, String html, InlineKeyboardMarkup markup) {
        long chatId = settings.ownerChatId().orElseThrow();
        // Leave room under a message with buttons to show the owner's choice in it later.
        int limit = markup == null ? TelegramLimits.TEXT_CHARACTERS : TelegramLimits.TEXT_CHARACTERS - 300;
        List<String> texts = messageTexts(html, sessionId == null ? null : sessionLabel(sessionId), limit);
        List<Long> ids = new ArrayList<>();
        String unrecorded = null;
        for (int i = 0; i < texts.size(); i++) {
            SendMessage request = SendMessage.html(chatId, texts.get(i));
            if (markup != null && i == texts.size() - 1) {
                request = request.withMarkup(markup);
            }
            ids.add(sendOne(sessionId, thread, request).messageId());
            if (sessionId != null) {
                unrecorded = firstNonNull(unrecorded, record(sessionId, ids.get(ids.size() - 1)));
            }
        }
        return new Sent(ids, ids.get(ids.size() - 1), texts.get(texts.size() - 1), unrecorded);
    }

    /**
     * Uploads a photo or a document for a session with the caption {@code headerHtml} + {@code captionHtml}. A caption
     * longer than Telegram's 1024 characters moves into messages right after the file, which then carries only the
     * header. Every message is recorded for reply routing; returns the ids, the file's first.
     */
    public Sent sendFileForSession(String sessionId, Upload kind, OutboundFile file, String headerHtml,
            String captionHtml) {
        String full = captionHtml == null || captionHtml.isBlank() ? headerHtml : headerHtml + "\n" + captionHtml;
        List<Long> ids = new ArrayList<>();
        String unrecorded;
        Target thread = new Target(topics.threadFor(sessionId).orElse(null));
        if (fitsCaption(full)) {
            ids.add(upload(sessionId, thread, kind, file, full).messageId());
            unrecorded = record(sessionId, ids.get(0));
        } else {
            ids.add(upload(sessionId, thread, kind, file, headerHtml + " <i>(caption in the next message)</i>")
                    .messageId());
            unrecorded = record(sessionId, ids.get(0));
            Sent caption = sendWithButtons(sessionId, full, null);
            ids.addAll(caption.messageIds());
            unrecorded = firstNonNull(unrecorded, caption.unrecorded());
        }
        return new Sent(ids, ids.get(ids.size() - 1), null, unrecorded);
    }

    /** True when Telegram takes this HTML as a caption: at most 1024 characters once the tags are applied. */
    static boolean fitsCaption(String html) {
        return plainText(html).strip().length() <= TelegramLimits.CAPTION_CHARACTERS;
    }

    /**
     * The messages for {@code html}: one if it fits, else parts of at most 4096 characters where every part after the
     * first starts with {@code label} (the session's name) and its number; a null label adds nothing.
     */
    static List<String> messageTexts(String html, String label) {
        return messageTexts(html, label, TelegramLimits.TEXT_CHARACTERS);
    }

    /** As {@link #messageTexts(String, String)} with a smaller limit per message. */
    static List<String> messageTexts(String html, String label, int limit) {
        List<String> parts = HtmlSplitter.split(html, limit);
        if (parts.size() <= 1 || label == null) {
            return parts;
        }
        // Leave room for "[name] (part 12/34)" so that every part says which session speaks.
        parts = HtmlSplitter.split(html, limit - continuation(label, 999, 999).length());
        List<String> texts = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            texts.add(i == 0 ? parts.get(i) : continuation(label, i + 1, parts.size()) + parts.get(i));
        }
        return texts;
    }

    static String continuation(String label, int part, int parts) {
        return label + " <i>(part " + part + "/" + parts + ")</i>\n";
    }

    /** The session's name as message header, {@code <b>[name]</b>}. */
    private String sessionLabel(String sessionId) {
        String name = registry.isCurrent(sessionId) ? registry.currentName()
                : registry.nameOf(sessionId).orElse(null);
        return name == null ? null : "<b>[" + Html.escape(name) + "]</b>";
    }

    private Message upload(String sessionId, Target thread, Upload kind, OutboundFile file, String captionHtml) {
        long chatId = settings.ownerChatId().orElseThrow();
        try {
            return uploadOnce(chatId, thread.id, kind, file, captionHtml, "HTML");
        } catch (TelegramApiException e) {
            if (thread.refusedBy(e, sessionId)) {
                return upload(sessionId, thread, kind, file, captionHtml);
            }
            if (!e.isEntityError()) {
                throw e;
            }
            // Nothing was sent (Telegram checks the caption first): the same file once more, caption as plain text.
            LOG.warnf("Telegram rejected the caption's HTML (%s); resending with a plain caption", e.description());
            String plain = plainText(captionHtml);
            return uploadOnce(chatId, thread.id, kind, file, plain, null);
        }
    }

    private Message uploadOnce(long chatId, Long threadId, Upload kind, OutboundFile file, String caption,
            String parseMode) {
        return kind == Upload.PHOTO ? client.sendPhoto(chatId, threadId, file, caption, parseMode)
                : client.sendDocument(chatId, threadId, file, caption, parseMode);
    }

    /** How a file goes to Telegram: as a photo (compressed, shown inline) or as a document (kept as is). */
    public enum Upload {
        PHOTO, DOCUMENT
    }

    private Message sendOne(String sessionId, Target thread, SendMessage request) {
        try {
            return client.sendMessage(request.inThread(thread.id));
        } catch (TelegramApiException e) {
            if (thread.refusedBy(e, sessionId)) {
                return sendOne(sessionId, thread, request);
            }
            if (!e.isEntityError()) {
                throw e;
            }
            // Telegram rejected our HTML: say the same thing once more as plain text rather than lose it.
            LOG.warnf("Telegram rejected the HTML entities (%s); resending as plain text", e.description());
            return client.sendMessage(request.inThread(thread.id).asPlainText(plainText(request.text())));
        }
    }

    /**
     * The topic one send goes to. When Telegram refuses it, the rest of the send (and, for a session, every later one)
     * goes to the main chat instead: nothing is lost, and the refusal is logged once.
     */
    private final class Target {
        Long id;

        Target(Long id) {
            this.id = id;
        }

        /** True when {@code e} refused this topic: the thread is dropped, and the caller sends again without it. */
        boolean refusedBy(TelegramApiException e, String sessionId) {
            if (id == null || !e.refusesThread()) {
                return false;
            }
            if (sessionId != null) {
                topics.refused(sessionId, id, e);
            } else {
                LOG.infof("Telegram refused topic %d (%s); the answer goes to the main chat", id, e.description());
            }
            id = null;
            return true;
        }
    }

    /** The visible text of our own HTML: tags dropped, the four entities we write decoded. */
    public static String plainText(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    /**
     * Records a sent message for reply routing; returns null, or why it could not be recorded. The message is out
     * already, so a store failure must not turn the send into an error (a model would send it again).
     */
    private String record(String sessionId, long messageId) {
        try {
            store(sessionId, messageId);
            return null;
        } catch (RuntimeException e) {
            String why = problems.explain(e).what();
            LOG.warnf("Message %d was sent but not recorded for reply routing: %s", messageId, why);
            return why;
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    void store(String sessionId, long messageId) {
        SentMessage.record(settings.ownerChatId().orElseThrow(), messageId, sessionId, System.currentTimeMillis());
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    /** Replies to the messages of gone sessions now reach their successor; inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public int takeOverReplies(List<String> fromSessionIds, String toSessionId) {
        return SentMessage.reassign(fromSessionIds, toSessionId);
    }
}
