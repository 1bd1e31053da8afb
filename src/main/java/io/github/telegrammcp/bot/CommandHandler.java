package io.github.telegrammcp.bot;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.render.Html;

/** Answers the owner's bot commands; runs inside the poller's transaction and returns the HTML to send. */
@ApplicationScoped
public class CommandHandler {

    static final String HELP = """
            <b>telegram-mcp-server</b>: steer your AI coding assistants from here.

            Plain messages go to the only running session; with several, reply to a session's message or use /to.

            /sessions: list running sessions
            /status &lt;name&gt;: one session's details
            /to &lt;name&gt; &lt;message&gt;: send a message to a session
            /help: this text""";

    private final SessionRegistry registry;

    @Inject
    public CommandHandler(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Handles one command and returns the answer's HTML. */
    public String handle(String name, String args) {
        return switch (name) {
            case "start", "help" -> HELP;
            case "sessions" -> sessions();
            case "status" -> status(args);
            default -> "Unknown command /" + Html.escape(name) + ". Send /help for the list.";
        };
    }

    private String sessions() {
        List<AgentSession> live = registry.liveSessions();
        if (live.isEmpty()) {
            return "No session is running.";
        }
        StringBuilder out = new StringBuilder("<b>Sessions</b> (" + live.size() + ")\n");
        long now = System.currentTimeMillis();
        for (AgentSession s : live) {
            out.append("\n• <b>").append(Html.escape(s.name)).append("</b>: ").append(statusWord(s))
                    .append(", active ").append(ago(now - s.lastActivity)).append("\n  <code>")
                    .append(Html.escape(s.projectDir)).append("</code>");
            if (s.waitingFor != null && !s.waitingFor.isBlank()) {
                out.append("\n  ").append(Html.escape(s.waitingFor));
            }
        }
        return out.toString();
    }

    private String status(String args) {
        if (args.isBlank()) {
            return "Usage: <code>/status &lt;name&gt;</code>. Send /sessions for the names.";
        }
        var found = registry.liveByName(args.strip());
        if (found.isEmpty()) {
            return "No live session is called <b>" + Html.escape(args.strip()) + "</b>. Send /sessions for the names.";
        }
        AgentSession s = found.get();
        long now = System.currentTimeMillis();
        long queued = InboxMessage.count("sessionId = ?1 and deliveredAt is null", s.id);
        return "<b>" + Html.escape(s.name) + "</b>\nStatus: " + statusWord(s) + "\nProject: <code>"
                + Html.escape(s.projectDir) + "</code>\nHost: " + Html.escape(s.host) + ", pid " + s.pid
                + "\nStarted: " + ago(now - s.startedAt) + "\nLast activity: " + ago(now - s.lastActivity)
                + "\nQueued messages: " + queued
                + (s.waitingFor == null ? "" : "\nWaiting: " + Html.escape(s.waitingFor));
    }

    static String statusWord(AgentSession s) {
        return switch (s.status) {
            case WAITING -> "waiting";
            case RUNNING -> System.currentTimeMillis() - s.lastActivity > Duration.ofMinutes(10).toMillis() ? "idle"
                    : "running";
            case GONE -> "gone";
        };
    }

    static String ago(long millis) {
        long s = Math.max(0, millis / 1000);
        if (s < 60) {
            return s + " s ago";
        }
        if (s < 3600) {
            return s / 60 + " min ago";
        }
        if (s < 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }
}
