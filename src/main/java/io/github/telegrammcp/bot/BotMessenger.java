package io.github.telegrammcp.bot;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.telegram.SentMessage;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.api.Message;
import io.github.telegrammcp.telegram.api.SendMessage;
import io.github.telegrammcp.telegram.render.HtmlSplitter;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sends HTML to the owner's chat: split into valid messages of at most 4096 characters, resent once as plain text if
 * Telegram rejects the entities, and recorded per session so that replies find their way back.
 */
@ApplicationScoped
public class BotMessenger {

    private static final Logger LOG = Logger.getLogger(BotMessenger.class);

    private final Settings settings;
    private final TelegramClient client;

    @Inject
    public BotMessenger(Settings settings, TelegramClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** The messages one send produced; buttons, if any, are under the last one. */
    public record Sent(List<Long> messageIds, long lastMessageId, String lastHtml) {
    }

    /** Sends a message on behalf of a session and records it for reply routing; returns the Telegram message ids. */
    public List<Long> sendForSession(String sessionId, String html) {
        return sendWithButtons(sessionId, html, null).messageIds();
    }

    /** Sends a bot message that belongs to no session (command answers, notices). */
    public List<Long> sendToOwner(String html) {
        return sendWithButtons(null, html, null).messageIds();
    }

    /**
     * Sends HTML, split as needed, with buttons under the last part; records the parts for reply routing when a
     * session is given.
     */
    public Sent sendWithButtons(String sessionId, String html, InlineKeyboardMarkup markup) {
        long chatId = settings.ownerChatId().orElseThrow();
        // Leave room under a message with buttons to show the owner's choice in it later.
        int limit = markup == null ? HtmlSplitter.TELEGRAM_TEXT_LIMIT : HtmlSplitter.TELEGRAM_TEXT_LIMIT - 300;
        List<String> parts = HtmlSplitter.split(html, limit);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            SendMessage request = SendMessage.html(chatId, parts.get(i));
            if (markup != null && i == parts.size() - 1) {
                request = request.withMarkup(markup);
            }
            ids.add(sendOne(request).messageId());
            if (sessionId != null) {
                record(sessionId, ids.get(ids.size() - 1));
            }
        }
        return new Sent(ids, ids.get(ids.size() - 1), parts.get(parts.size() - 1));
    }

    private Message sendOne(SendMessage request) {
        try {
            return client.sendMessage(request);
        } catch (TelegramApiException e) {
            if (!e.isEntityError()) {
                throw e;
            }
            // Telegram rejected our HTML: say the same thing once more as plain text rather than lose it.
            LOG.warnf("Telegram rejected the HTML entities (%s); resending as plain text", e.description());
            return client.sendMessage(request.asPlainText(plainText(request.text())));
        }
    }

    /** The visible text of our own HTML: tags dropped, the four entities we write decoded. */
    static String plainText(String html) {
        return html.replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    private void record(String sessionId, long messageId) {
        long chatId = settings.ownerChatId().orElseThrow();
        long now = System.currentTimeMillis();
        QuarkusTransaction.requiringNew().run(() -> {
            SentMessage sent = new SentMessage();
            sent.chatId = chatId;
            sent.messageId = messageId;
            sent.sessionId = sessionId;
            sent.createdAt = now;
            sent.persist();
        });
    }
}
