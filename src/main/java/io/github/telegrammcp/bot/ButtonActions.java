package io.github.telegrammcp.bot;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.github.telegrammcp.inbox.Attachment;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.telegram.api.CallbackQuery;
import io.github.telegrammcp.telegram.api.InlineKeyboardButton;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.render.Html;

/**
 * Inline buttons backed by the store: the session picker for messages that could go to several sessions, and the
 * action buttons of telegram_notify_with_actions. Callback data is {@code a:<8 chars>}, far below Telegram's 64
 * bytes whatever the session names are; a press is acted on once, however often it arrives.
 */
@ApplicationScoped
public class ButtonActions {

    static final String PREFIX = "a:";
    static final String ALREADY_HANDLED = "Already handled; nothing more was sent.";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final InboxService inbox;
    private final ApprovalButtons approvals;

    public ButtonActions(InboxService inbox, ApprovalButtons approvals) {
        this.inbox = inbox;
        this.approvals = approvals;
    }

    /** A button to create: its label, the session it targets and what it delivers. */
    public record Spec(String sessionId, String kind, String label, String payload, Attachment attachment) {
    }

    /** Creates one group of buttons (one per spec, one per row), in the caller's transaction or a new one. */
    @Transactional(TxType.REQUIRED)
    public InlineKeyboardMarkup createGroup(String groupId, List<Spec> specs) {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (Spec spec : specs) {
            BotAction action = new BotAction();
            action.id = newId();
            action.groupId = groupId;
            action.sessionId = spec.sessionId();
            action.kind = spec.kind();
            action.label = spec.label();
            action.payload = spec.payload();
            if (spec.attachment() != null) {
                action.payloadKind = spec.attachment().kind();
                action.fileId = spec.attachment().fileId();
                action.fileName = spec.attachment().fileName();
                action.fileSize = spec.attachment().fileSize();
            }
            action.createdAt = now;
            action.persist();
            rows.add(List.of(new InlineKeyboardButton(spec.label(), PREFIX + action.id)));
        }
        return new InlineKeyboardMarkup(rows);
    }

    /** Records which message carries a group's buttons, so a press can show the choice in it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void attachMessage(String groupId, long chatId, long messageId, String html) {
        BotAction.attachMessage(groupId, chatId, messageId, html);
    }

    /** Buttons of gone sessions not pressed yet now act for their successor; inside the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public int takeOver(List<String> fromSessionIds, String toSessionId) {
        return BotAction.reassignUnused(fromSessionIds, toSessionId);
    }

    /**
     * Marks a group's buttons used without a press (the question was answered in words); true when no button of it had
     * been pressed, so this call closed it.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean closeGroup(String groupId) {
        return BotAction.useGroup(groupId, System.currentTimeMillis());
    }

    /** The picker: asks which session gets the owner's message, one button per live session. */
    Effect.Send picker(Route.AskWhich ask) {
        String group = newId();
        List<Spec> specs = ask.sessions().stream()
                .map(s -> new Spec(s.id(), BotAction.PICK, s.name(), ask.text(), ask.attachment())).toList();
        InlineKeyboardMarkup markup = createGroup(group, specs);
        String what = ask.attachment() == null ? "message" : ask.attachment().kind();
        String preview = ask.text() == null || ask.text().isBlank() ? ""
                : "\n<i>" + Html.escape(abbreviate(ask.text(), 200)) + "</i>";
        return new Effect.Send("Several sessions are running. Which one should get this " + what + "?" + preview,
                markup, group);
    }

    /** Handles a press inside the poller's transaction; returns what to do in Telegram after the commit. */
    @Transactional(TxType.MANDATORY)
    List<Effect> press(CallbackQuery query, long updateId) {
        if (ApprovalButtons.handles(query)) {
            return approvals.press(query);
        }
        String data = query.data();
        if (data == null || !data.startsWith(PREFIX)) {
            return answerOnly(query, "This button does not belong to any session of this bot.");
        }
        BotAction action = BotAction.byId(data.substring(PREFIX.length())).orElse(null);
        if (action == null) {
            return answerOnly(query, "This button has expired; nothing was sent.");
        }
        if (action.usedAt != null) {
            return answerOnly(query, ALREADY_HANDLED);
        }
        AgentSession session = AgentSession.byId(action.sessionId).orElse(null);
        if (session == null || !session.live()) {
            return answerOnly(query, "Session " + (session == null ? "?" : session.name)
                    + " has ended; nothing was sent.");
        }
        long now = System.currentTimeMillis();
        if (!BotAction.useGroup(action.groupId, now)) {
            return answerOnly(query, ALREADY_HANDLED);
        }
        Attachment attachment = action.fileId == null ? null
                : new Attachment(action.payloadKind, action.fileId, action.fileName, action.fileSize);
        inbox.enqueue(action.sessionId, updateId, null, action.payload, attachment);
        List<Effect> effects = new ArrayList<>();
        boolean pick = BotAction.PICK.equals(action.kind);
        effects.add(new Effect.AnswerPress(query.id(), pick ? "Sent to " + session.name : "Sent: " + action.label));
        Long chatId = action.chatId;
        Long messageId = action.messageId;
        String html = action.messageHtml;
        if (messageId == null && query.message() != null && query.message().chat() != null) {
            // The press overtook the record of its message (the sender had not stored the message id yet): edit the
            // message Telegram names, with its text as Telegram shows it.
            chatId = query.message().chat().id();
            messageId = query.message().messageId();
            html = query.message().text() == null ? null : Html.escape(query.message().text());
        }
        if (messageId != null && chatId != null) {
            String base = html == null ? "" : html + "\n\n";
            String choice = pick ? "➡️ Sent to <b>" + Html.escape(session.name) + "</b>"
                    : "➡️ Chosen: <b>" + Html.escape(action.label) + "</b>";
            effects.add(new Effect.Edit(chatId, messageId, base + choice));
        }
        return effects;
    }

    private static List<Effect> answerOnly(CallbackQuery query, String text) {
        return List.of(new Effect.AnswerPress(query.id(), text));
    }

    /** A short random id for callback data. */
    public static String newId() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
