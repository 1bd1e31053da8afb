package io.github.telegrammcp.bot;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.AnswerCallbackQuery;
import io.github.telegrammcp.telegram.api.EditMessageText;
import io.github.telegrammcp.telegram.api.LinkPreviewOptions;
import io.github.telegrammcp.topics.Topics;

/** Performs the poller's Telegram effects after a batch is committed; failures are logged, never retried twice. */
@ApplicationScoped
public class EffectPerformer {

    private static final Logger LOG = Logger.getLogger(EffectPerformer.class);

    private final Settings settings;
    private final TelegramClient client;
    private final BotMessenger messenger;
    private final ButtonActions buttons;
    private final Topics topics;

    public EffectPerformer(Settings settings, TelegramClient client, BotMessenger messenger, ButtonActions buttons,
            Topics topics) {
        this.settings = settings;
        this.client = client;
        this.messenger = messenger;
        this.buttons = buttons;
        this.topics = topics;
    }

    void perform(Effect effect) {
        try {
            if (effect instanceof Effect.Send send) {
                BotMessenger.Sent sent = messenger.sendToOwnerInThread(send.threadId(), send.html(), send.markup());
                if (send.actionGroup() != null) {
                    buttons.attachMessage(send.actionGroup(), settings.ownerChatId().orElseThrow(),
                            sent.lastMessageId(), sent.lastHtml());
                }
            } else if (effect instanceof Effect.AnswerPress answer) {
                client.answerCallbackQuery(new AnswerCallbackQuery(answer.callbackQueryId(), answer.text(), null));
            } else if (effect instanceof Effect.CloseTopic close) {
                topics.close(close.sessionId());
            } else if (effect instanceof Effect.Edit edit) {
                client.editMessageText(new EditMessageText(edit.chatId(), edit.messageId(), edit.html(), "HTML", null,
                        LinkPreviewOptions.DISABLED));
            }
        } catch (TelegramApiException e) {
            LOG.warnf("Telegram effect %s failed: %s", effect.getClass().getSimpleName(), e.getMessage());
        } catch (RuntimeException e) {
            // Recording the buttons' message failed (the store is down, say): the batch is committed, carry on.
            LOG.warnf("Telegram effect %s failed: %s", effect.getClass().getSimpleName(), e.getMessage());
        }
    }

    /** Performs effects in order. */
    void performAll(List<Effect> effects) {
        effects.forEach(this::perform);
    }
}
