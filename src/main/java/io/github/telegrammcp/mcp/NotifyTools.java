package io.github.telegrammcp.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.telegrammcp.bot.BotAction;
import io.github.telegrammcp.bot.ButtonActions;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.StoreException;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.render.Html;
import io.github.telegrammcp.telegram.render.MarkdownRenderer;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

/** Tools that tell the owner something: notifications and free text. */
public class NotifyTools {

    private final ToolGuard guard;
    private final BotMessenger messenger;
    private final SessionRegistry registry;
    private final ButtonActions buttons;
    private final Settings settings;

    public NotifyTools(ToolGuard guard, BotMessenger messenger, SessionRegistry registry, ButtonActions buttons,
            Settings settings) {
        this.guard = guard;
        this.messenger = messenger;
        this.registry = registry;
        this.buttons = buttons;
        this.settings = settings;
    }

    @Tool(name = "telegram_notify", description = """
            Send a short notification to the owner's Telegram: that a task is completed, that an error needs them, \
            that you have a question, or progress on long work. The message is labelled with this session's name. \
            Use it before waiting (telegram_wait_reply or telegram_unattended_mode) so the owner knows what you need; \
            do not send one for every small step. The owner can reply to the message, and the reply comes back to \
            this session through the waiting tools. Returns the Telegram message id(s).""",
            annotations = @Tool.Annotations(title = "Notify the owner on Telegram", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    String notify(
            @ToolArg(description = "Kind of event: completed, error, question or progress (sets the icon ✅ ❌ ❓ ⏳).")
            String event,
            @ToolArg(description = "One or two sentences, at most 200 characters: what happened or what you need.")
            String summary,
            @ToolArg(description = "Optional longer text in Markdown (lists, code, links), up to 40000 characters;"
                    + " split into several messages when needed.", required = false)
            String details) {
        String sessionId = guard.readySession();
        return send(sessionId, notification(event, summary, details), "Notification sent");
    }

    @Tool(name = "telegram_notify_with_actions", description = """
            Like telegram_notify, plus up to 4 buttons under the message, one per next step you propose (for \
            example "Run the tests", "Deploy", "Stop"). When the owner presses one, its `action` text comes back to \
            this session as the owner's instruction through telegram_wait_reply or telegram_unattended_mode, and \
            the message shows what was chosen. Prefer it over telegram_notify when the owner is likely to pick one \
            of a few options; the owner can still reply with free text instead. Returns the Telegram message id(s).""",
            annotations = @Tool.Annotations(title = "Notify the owner with choice buttons", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    String notifyWithActions(
            @ToolArg(description = "Kind of event: completed, error, question or progress (sets the icon ✅ ❌ ❓ ⏳).")
            String event,
            @ToolArg(description = "One or two sentences, at most 200 characters: what happened or what you need.")
            String summary,
            @ToolArg(description = "Optional longer text in Markdown, up to 40000 characters.", required = false)
            String details,
            @ToolArg(description = "1 to 4 buttons: {text: the label (at most 40 characters), action: the"
                    + " instruction you receive when it is pressed (at most 4096 characters), emoji: optional icon"
                    + " before the label (one emoji)}.")
            List<ActionButton> actions) {
        String sessionId = guard.readySession();
        String html = notification(event, summary, details);
        List<ButtonActions.Spec> specs = buttonSpecs(sessionId, actions);
        String group = ButtonActions.newId();
        InlineKeyboardMarkup markup;
        try {
            markup = buttons.createGroup(group, specs);
        } catch (RuntimeException e) {
            // Nothing was sent: buttons that the store does not know would do nothing when pressed.
            throw guard.storeFailureOr(e);
        }
        BotMessenger.Sent sent;
        try {
            sent = messenger.sendWithButtons(sessionId, html, markup);
        } catch (TelegramApiException e) {
            throw ToolGuard.failure(e);
        }
        String note = sent.recordingNote();
        try {
            buttons.attachMessage(group, settings.ownerChatId().orElseThrow(), sent.lastMessageId(), sent.lastHtml());
        } catch (RuntimeException e) {
            if (!StoreException.isStoreFailure(e)) {
                throw e;
            }
            note += " The buttons work, but the message cannot show the owner's choice (" + e.getMessage() + ").";
        }
        registry.touch();
        return "Notification with " + specs.size() + " button(s) sent to Telegram as message " + sent.lastMessageId()
                + ". Call telegram_wait_reply or telegram_unattended_mode to receive the owner's choice." + note;
    }

    private static List<ButtonActions.Spec> buttonSpecs(String sessionId, List<ActionButton> actions) {
        if (actions == null || actions.isEmpty() || actions.size() > 4) {
            throw new ToolCallException("actions must hold 1 to 4 buttons, got " + (actions == null ? 0 : actions.size())
                    + ". Use telegram_notify for a message without buttons.");
        }
        List<ButtonActions.Spec> specs = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            ActionButton a = actions.get(i);
            if (a == null || a.text() == null || a.text().isBlank()) {
                throw new ToolCallException("actions[" + i + "].text is empty; give each button a short label.");
            }
            ArgumentLimits.atMost(a.text().strip(), "actions[" + i + "].text", ArgumentLimits.BUTTON_TEXT,
                    "Keep button labels short.");
            if (a.action() == null || a.action().isBlank()) {
                throw new ToolCallException("actions[" + i + "].action is empty; say what you will do when the owner"
                        + " presses \"" + a.text().strip() + "\".");
            }
            ArgumentLimits.atMost(a.action().strip(), "actions[" + i + "].action", ArgumentLimits.BUTTON_ACTION,
                    "Put the instruction in a few sentences; details can go in the notification's details.");
            ArgumentLimits.atMost(a.emoji() == null ? null : a.emoji().strip(), "actions[" + i + "].emoji",
                    ArgumentLimits.BUTTON_EMOJI, "Give one emoji, or leave it out.");
            String label = (a.emoji() == null || a.emoji().isBlank() ? "" : a.emoji().strip() + " ") + a.text().strip();
            specs.add(new ButtonActions.Spec(sessionId, BotAction.CHOICE, label, a.action().strip(), null));
        }
        return specs;
    }

    private String notification(String event, String summary, String details) {
        ToolGuard.required(event, "event", "\"completed\"");
        ToolGuard.required(summary, "summary", "\"Tests pass; ready for review\"");
        ArgumentLimits.atMost(event.strip(), "event", ArgumentLimits.EVENT,
                "Use completed, error, question or progress.");
        ArgumentLimits.atMost(summary, "summary", ArgumentLimits.SUMMARY, "Put the rest in details.");
        ArgumentLimits.limited(details, "details");
        StringBuilder html = new StringBuilder(icon(event)).append(" <b>[").append(Html.escape(guard.sessionName()))
                .append("]</b> ").append(Html.escape(summary.strip()));
        if (details != null && !details.isBlank()) {
            html.append("\n━━━━━━━━━━\n").append(MarkdownRenderer.toTelegramHtml(details));
        }
        return html.toString();
    }

    @Tool(name = "telegram_send", description = """
            Send a free-form message to the owner's Telegram, labelled with this session's name. Markdown is \
            rendered (bold, italics, code, lists, links, tables); long text is split into several messages, nothing \
            is cut; up to 40000 characters (about 10 messages), longer text belongs in a file sent with \
            telegram_send_file. Prefer telegram_notify for status updates and telegram_send_code for code. Returns the \
            Telegram message id(s).""",
            annotations = @Tool.Annotations(title = "Send a message to the owner", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    String send(@ToolArg(description = "The message, in Markdown, up to 40000 characters (about 10 Telegram messages);"
            + " send longer text as a file with telegram_send_file.") String message) {
        String sessionId = guard.readySession();
        ToolGuard.required(message, "message", "\"Build finished in 42 s\"");
        ArgumentLimits.limited(message, "message");
        String html = "💬 <b>[" + Html.escape(guard.sessionName()) + "]</b>\n" + MarkdownRenderer.toTelegramHtml(message);
        return send(sessionId, html, "Message sent");
    }

    private String send(String sessionId, String html, String what) {
        BotMessenger.Sent sent;
        try {
            sent = messenger.sendWithButtons(sessionId, html, null);
        } catch (TelegramApiException e) {
            throw ToolGuard.failure(e);
        }
        registry.touch();
        List<Long> ids = sent.messageIds();
        return what + " to Telegram as " + (ids.size() == 1 ? "message " + ids.get(0) : ids.size() + " messages " + ids)
                + ". Replies to it reach this session through telegram_wait_reply or telegram_unattended_mode."
                + sent.recordingNote();
    }

    static String icon(String event) {
        return switch (event.strip().toLowerCase(Locale.ROOT)) {
            case "completed" -> "✅";
            case "error" -> "❌";
            case "question" -> "❓";
            case "progress" -> "⏳";
            default -> "🔔";
        };
    }
}
