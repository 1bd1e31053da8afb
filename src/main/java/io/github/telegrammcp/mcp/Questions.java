package io.github.telegrammcp.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.bot.BotAction;
import io.github.telegrammcp.bot.ButtonActions;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.store.StoreException;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.EditMessageText;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.api.LinkPreviewOptions;
import io.github.telegrammcp.telegram.render.Html;
import io.quarkiverse.mcp.server.ToolCallException;

/**
 * The messages of telegram_ask: the question with one button per option (a press sends the option's text to the
 * session, like telegram_notify_with_actions), and the message once answered in words, without its buttons.
 */
@ApplicationScoped
public class Questions {

    private static final Logger LOG = Logger.getLogger(Questions.class);

    /** Fewest and most options: a question needs a choice, and more than 8 buttons do not fit a phone screen. */
    static final int MIN_OPTIONS = 2;
    static final int MAX_OPTIONS = 8;

    private final ButtonActions buttons;
    private final BotMessenger messenger;
    private final TelegramClient client;
    private final Settings settings;

    public Questions(ButtonActions buttons, BotMessenger messenger, TelegramClient client, Settings settings) {
        this.buttons = buttons;
        this.messenger = messenger;
        this.client = client;
        this.settings = settings;
    }

    /** A question that is out: its buttons' group, its message and its text. */
    record Asked(String group, long messageId, String html, List<String> options) {

        /** The option these words choose (the same text, ignoring case and surrounding space), if any. */
        Optional<Integer> indexOf(String words) {
            String wanted = words == null ? "" : words.strip().toLowerCase(Locale.ROOT);
            for (int i = 0; i < options.size(); i++) {
                if (options.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        }
    }

    /** Checks the options: 2 to 8, none empty, none longer than a button label, no two alike. */
    static List<String> options(List<String> options) {
        if (options == null || options.size() < MIN_OPTIONS || options.size() > MAX_OPTIONS) {
            throw new ToolCallException("options must hold " + MIN_OPTIONS + " to " + MAX_OPTIONS + " answers, got "
                    + (options == null ? 0 : options.size()) + ". For a free answer use telegram_notify and"
                    + " telegram_wait_reply.");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i) == null ? "" : options.get(i).strip();
            if (option.isEmpty()) {
                throw new ToolCallException("options[" + i + "] is empty; give every answer a short label.");
            }
            ArgumentLimits.atMost(option, "options[" + i + "]", ArgumentLimits.OPTION,
                    "Keep answers short; explain them in the question.");
            for (int j = 0; j < out.size(); j++) {
                if (out.get(j).equalsIgnoreCase(option)) {
                    throw new ToolCallException("options[" + i + "] is the same as options[" + j + "] (\"" + option
                            + "\"); every answer must differ.");
                }
            }
            out.add(option);
        }
        return out;
    }

    /** Sends the question with its buttons. */
    Asked ask(String sessionId, String sessionName, String question, List<String> options, boolean allowText) {
        String html = "❓ <b>[" + Html.escape(sessionName) + "]</b> " + Html.escape(question.strip()) + "\n<i>"
                + (allowText ? "Press a button, or type your own answer." : "Press a button.") + "</i>";
        String group = ButtonActions.newId();
        List<ButtonActions.Spec> specs = options.stream()
                .map(o -> new ButtonActions.Spec(sessionId, BotAction.ASK, o, o, null)).toList();
        InlineKeyboardMarkup markup = buttons.createGroup(group, specs);
        BotMessenger.Sent sent = messenger.sendWithButtons(sessionId, html, markup);
        try {
            buttons.attachMessage(group, settings.ownerChatId().orElseThrow(), sent.lastMessageId(), sent.lastHtml());
        } catch (RuntimeException e) {
            if (!StoreException.isStoreFailure(e)) {
                throw e;
            }
            LOG.warnf("The question's message cannot show the owner's choice: %s", e.getMessage());
        }
        return new Asked(group, sent.lastMessageId(), sent.lastHtml(), options);
    }

    /**
     * The owner answered without pressing (typed words, or an option's text): closes the buttons and shows the answer in
     * the message, unless a press did that already.
     */
    void answeredInWords(Asked asked, String shown) {
        try {
            if (!buttons.closeGroup(asked.group())) {
                return;
            }
            client.editMessageText(new EditMessageText(settings.ownerChatId().orElseThrow(), asked.messageId(),
                    asked.html() + "\n\n➡️ Answered: <i>" + Html.escape(abbreviate(shown, 300)) + "</i>", "HTML", null,
                    LinkPreviewOptions.DISABLED));
        } catch (TelegramApiException e) {
            LOG.warnf("Could not show the answer in the question's message: %s", e.getMessage());
        } catch (RuntimeException e) {
            if (!StoreException.isStoreFailure(e)) {
                throw e;
            }
            LOG.warnf("Could not show the answer in the question's message: %s", e.getMessage());
        }
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
