package io.github.telegrammcp.mcp;

import java.time.Duration;

import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.render.Html;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

/** The session report tool. */
public class ContextTools {

    static final long DEFAULT_TOKEN_TOTAL = 1_000_000;
    /** Far above any context window; larger numbers are mistakes. */
    static final long MAX_TOKENS = 1_000_000_000_000L;

    private final ToolGuard guard;
    private final BotMessenger messenger;
    private final SessionRegistry registry;
    private final Settings settings;

    public ContextTools(ToolGuard guard, BotMessenger messenger, SessionRegistry registry, Settings settings) {
        this.guard = guard;
        this.messenger = messenger;
        this.registry = registry;
        this.settings = settings;
    }

    @Tool(name = "telegram_get_context_info", description = """
            Send the owner a short report about this session: name, project directory, uptime, context-window \
            usage (if you pass token_used) and the wait settings; the same report is returned to you. Use it when \
            the owner asks how the session is doing or how much context is left.""",
            annotations = @Tool.Annotations(title = "Report session and context usage", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    String contextInfo(
            @ToolArg(name = "token_used", description = "Tokens of the context window used so far, if you know it.",
                    required = false)
            Number tokenUsed,
            @ToolArg(name = "token_total", description = "Size of the context window in tokens (default 1000000).",
                    required = false)
            Number tokenTotal) {
        String sessionId = guard.readySession();
        long total = tokenTotal == null ? DEFAULT_TOKEN_TOTAL
                : ToolGuard.wholeNumber(tokenTotal, "token_total", 1, MAX_TOKENS, " tokens", "");
        Long used = tokenUsed == null ? null
                : ToolGuard.wholeNumber(tokenUsed, "token_used", 0, MAX_TOKENS, " tokens", "");
        if (used != null && used > total) {
            throw new ToolCallException("token_used (" + used + ") must not be above token_total (" + total + ").");
        }
        Duration uptime = Duration.ofMillis(System.currentTimeMillis() - registry.processStartMillis());
        StringBuilder html = new StringBuilder("📊 <b>[").append(Html.escape(guard.sessionName())).append("]</b>")
                .append(" session report\nProject: <code>").append(Html.escape(registry.projectDirectory().toString()))
                .append("</code>\nUptime: ").append(formatDuration(uptime));
        if (used != null) {
            html.append(String.format("%nContext: %,d / %,d tokens (%.1f%%)", used, total, 100.0 * used / total));
        }
        html.append("\nLongest wait: ").append(formatDuration(settings.maxWait()))
                .append("\nRe-check schedule: ").append(settings.pollSchedule().intervals().stream()
                        .map(d -> d.toSeconds() + " s").toList());
        BotMessenger.Sent sent;
        try {
            sent = messenger.sendWithButtons(sessionId, html.toString(), null);
        } catch (TelegramApiException e) {
            throw ToolGuard.failure(e);
        }
        return BotMessenger.plainText(html.toString()) + "\n(Sent to Telegram.)" + sent.recordingNote();
    }

    static String formatDuration(Duration d) {
        long s = d.toSeconds();
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86400 + " d " + s % 86400 / 3600 + " h";
    }
}
