package io.github.telegrammcp.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.telegrammcp.approval.ApprovalRequest.Origin;
import io.github.telegrammcp.telegram.api.InlineKeyboardButton;
import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.github.telegrammcp.telegram.render.Html;

/**
 * The Telegram side of a permission prompt: the message ("🔐 [session] wants to use Bash", the input, what "Allow for
 * this session" grants), its buttons, and how the message reads once answered. Button data is {@code p:<id>:<choice>}
 * (12 bytes, far below Telegram's 64).
 */
public final class ApprovalMessage {

    /** Callback data prefix of approval buttons. */
    public static final String PREFIX = "p:";

    /** What a button asks for. */
    public enum Choice {
        ALLOW('a', "✅ Allow"), ALLOW_SESSION('s', "✅ Allow for this session"), DENY('d', "⛔ Deny"),
        SEE_MORE('m', "📄 See more");

        private final char code;
        private final String label;

        Choice(char code, String label) {
            this.code = code;
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The verdict this choice gives, if it decides. */
        public Optional<Verdict> verdict() {
            return switch (this) {
                case ALLOW -> Optional.of(Verdict.ALLOW);
                case ALLOW_SESSION -> Optional.of(Verdict.ALLOW_SESSION);
                case DENY -> Optional.of(Verdict.DENY);
                case SEE_MORE -> Optional.empty();
            };
        }
    }

    /** A decoded button press: the request's id and the choice. */
    public record Press(String requestId, Choice choice) {
    }

    private ApprovalMessage() {
    }

    /** The callback data of a button. */
    public static String data(String requestId, Choice choice) {
        return PREFIX + requestId + ":" + choice.code;
    }

    /** True when callback data belongs to an approval button (whether or not it is well-formed). */
    public static boolean isApproval(String data) {
        return data != null && data.startsWith(PREFIX);
    }

    /** Decodes callback data; empty when it is not a well-formed approval button. */
    public static Optional<Press> parse(String data) {
        if (!isApproval(data) || data.length() < PREFIX.length() + 3 || data.charAt(data.length() - 2) != ':') {
            return Optional.empty();
        }
        String id = data.substring(PREFIX.length(), data.length() - 2);
        char code = data.charAt(data.length() - 1);
        for (Choice choice : Choice.values()) {
            if (choice.code == code && !id.isEmpty() && id.chars().allMatch(Character::isLetterOrDigit)) {
                return Optional.of(new Press(id, choice));
            }
        }
        return Optional.empty();
    }

    /** The prompt's HTML. */
    public static String html(ApprovalRequest request, InputPreview preview, Duration timeout) {
        StringBuilder out = new StringBuilder();
        out.append("🔐 <b>[").append(Html.escape(request.sessionName())).append("]</b> wants to use <b>")
                .append(Html.escape(request.toolName())).append("</b>");
        if (request.description() != null && !request.description().isBlank()) {
            out.append("\n<i>").append(Html.escape(abbreviate(SecretMask.mask(request.description().strip()), 300)))
                    .append("</i>");
        }
        out.append('\n').append(codeBlock(preview.text(), preview.language()));
        if (preview.cut()) {
            out.append(String.format(Locale.ROOT, "\n<i>Shortened: %,d characters in %,d lines; See more shows all.</i>",
                    preview.totalCharacters(), preview.lines()));
        }
        if (!request.grants().isEmpty()) {
            out.append("\n<i>Allow for this session also allows, until the session ends: ")
                    .append(Html.escape(String.join("; ", request.grants().described()))).append(".</i>");
        }
        out.append("\n<i>").append(fallback(request.origin(), timeout)).append("</i>");
        return out.toString();
    }

    /** The buttons: Allow and Deny, Allow for this session, and See more when the preview is shortened. */
    public static InlineKeyboardMarkup keyboard(String requestId, boolean offerSession, boolean seeMore) {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        rows.add(List.of(button(requestId, Choice.ALLOW), button(requestId, Choice.DENY)));
        if (offerSession) {
            rows.add(List.of(button(requestId, Choice.ALLOW_SESSION)));
        }
        if (seeMore) {
            rows.add(List.of(button(requestId, Choice.SEE_MORE)));
        }
        return new InlineKeyboardMarkup(rows);
    }

    /** The prompt once ended: its text with the outcome below, and no buttons. */
    public static String answered(String promptHtml, Verdict verdict, Origin origin) {
        String outcome = switch (verdict) {
            case ALLOW -> "✅ <b>Allowed</b>";
            case ALLOW_SESSION -> "✅ <b>Allowed for this session</b>";
            case DENY -> "⛔ <b>Denied</b>";
            case TIMEOUT -> "⌛ <b>No answer in time</b>: " + (origin.terminalFallback()
                    ? "the assistant's terminal asks instead." : "the call was denied.");
            case CANCELLED -> "↩️ <b>Answered elsewhere</b> (in the terminal, or the call was cancelled).";
            case EXPIRED -> "⌛ <b>Expired</b>: the session that asked has gone.";
        };
        return (promptHtml == null ? "" : promptHtml + "\n\n") + outcome;
    }

    /** Same as {@link #answered(String, Verdict, Origin)} for a stored origin code. */
    public static String answered(String promptHtml, Verdict verdict, String originCode) {
        return answered(promptHtml, verdict, originOf(originCode));
    }

    /** The short note a press gets (shown by Telegram for a moment). */
    public static String pressNote(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> "Allowed.";
            case ALLOW_SESSION -> "Allowed for this session.";
            case DENY -> "Denied.";
            case TIMEOUT -> "Too late: nobody answered in time, so the assistant's own prompt decides.";
            case CANCELLED -> "Already answered elsewhere; nothing changed.";
            case EXPIRED -> "Expired: the session that asked has gone; nothing was allowed.";
        };
    }

    /** The whole input, for "See more". */
    public static String fullInput(String sessionName, String toolName, String fullText, String language, boolean cut,
            int totalCharacters) {
        String head = "📄 <b>[" + Html.escape(sessionName) + "]</b> " + Html.escape(toolName) + ", the whole input:\n";
        String tail = cut ? String.format(Locale.ROOT, "\n<i>Cut at %,d of %,d characters.</i>",
                fullText.length(), totalCharacters) : "";
        return head + codeBlock(fullText, language) + tail;
    }

    private static String fallback(Origin origin, Duration timeout) {
        String wait = timeout.toSeconds() % 60 == 0 ? timeout.toMinutes() + " min" : timeout.toSeconds() + " s";
        return origin.terminalFallback() ? "Without an answer within " + wait + ", the assistant's terminal asks."
                : "Without an answer within " + wait + ", the call is denied.";
    }

    private static String codeBlock(String text, String language) {
        String open = language == null ? "<pre>" : "<pre><code class=\"language-" + language + "\">";
        String close = language == null ? "</pre>" : "</code></pre>";
        return open + Html.escape(text.isEmpty() ? " " : text) + close;
    }

    private static InlineKeyboardButton button(String requestId, Choice choice) {
        return new InlineKeyboardButton(choice.label(), data(requestId, choice));
    }

    private static Origin originOf(String code) {
        for (Origin origin : Origin.values()) {
            if (origin.code().equals(code)) {
                return origin;
            }
        }
        return Origin.CLAUDE_HOOK;
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
