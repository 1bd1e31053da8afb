package io.github.telegrammcp.bot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.session.SessionNames;
import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.store.PollState;
import io.github.telegrammcp.telegram.api.BotCommand;
import io.github.telegrammcp.telegram.render.Html;

/**
 * Carries out the owner's bot commands inside the poller's transaction. Commands that need the session's files
 * ({@code /file}) become a {@link CommandRequest} for the process that owns the session, which a
 * {@link SessionWakeUp} tells once the transaction has committed.
 */
@ApplicationScoped
public class CommandHandler {

    /** The command menu registered with setMyCommands. */
    public static final List<BotCommand> MENU = List.of(
            new BotCommand("sessions", "List running sessions"),
            new BotCommand("status", "One session's details: /status <name>"),
            new BotCommand("to", "Send to a session: /to <name> <message>"),
            new BotCommand("keep", "Send plain messages to one session: /keep <name> or /keep off"),
            new BotCommand("file", "Show a project file: /file <name> <path> [download]"),
            new BotCommand("delete", "End a session's unattended mode: /delete <name>"),
            new BotCommand("help", "How to use this bot"));

    static final String HELP = """
            <b>telegram-mcp-server</b>: steer your AI coding assistants from here.

            Reply to a session's message to answer it. Plain messages go to the locked session (/keep), else to the \
            only running one; with several, I ask which.

            /sessions: running sessions
            /status &lt;name&gt;: one session's details
            /to &lt;name&gt; &lt;message&gt;: send to a session (/to &lt;name&gt; alone locks like /keep)
            /keep &lt;name&gt; | /keep off: send plain messages to one session
            /file &lt;name&gt; &lt;path&gt; [download]: show a file of the session's project (add force for likely \
            secrets)
            /delete &lt;name&gt;: end a session's unattended mode and remove it from the list
            /help: this text

            Photos, documents and voice notes go to a session like text; it receives the saved file's path.""";

    private final InboxService inbox;
    private final Event<SessionWakeUp> wakeUps;

    public CommandHandler(InboxService inbox, Event<SessionWakeUp> wakeUps) {
        this.inbox = inbox;
        this.wakeUps = wakeUps;
    }

    /** Handles one command inside the poller's transaction; returns the answer to send, or null for none. */
    @Transactional(TxType.MANDATORY)
    public String handle(String name, String args, long updateId) {
        return switch (name) {
            case "start", "help" -> HELP;
            case "sessions" -> sessions();
            case "status" -> status(args);
            case "keep" -> keep(args);
            case "delete" -> delete(args, updateId);
            case "file" -> file(args);
            default -> "Unknown command /" + Html.escape(name) + ". Send /help for the list.";
        };
    }

    private String sessions() {
        List<AgentSession> live = AgentSession.liveOnes();
        if (live.isEmpty()) {
            return "No session is running.";
        }
        String locked = lockedName().orElse(null);
        StringBuilder out = new StringBuilder("<b>Sessions</b> (" + live.size() + ")\n");
        long now = System.currentTimeMillis();
        for (AgentSession s : live) {
            String mixed = SessionNames.mixedScripts(s.name);
            out.append("\n• <b>").append(Html.escape(s.name)).append("</b>")
                    .append(s.name.equalsIgnoreCase(locked == null ? "" : locked) ? " 🔒" : "")
                    .append(mixed == null ? "" : " ⚠️ mixes " + mixed + " letters").append(": ")
                    .append(statusWord(s)).append(", active ").append(ago(now - s.lastActivity)).append("\n  <code>")
                    .append(Html.escape(s.projectDir)).append("</code>");
            if (s.waitingFor != null && !s.waitingFor.isBlank()) {
                out.append("\n  ").append(Html.escape(s.waitingFor));
            }
        }
        return out.toString();
    }

    private String status(String args) {
        if (args.isBlank()) {
            return "Usage: <code>/status &lt;name&gt;</code>. " + namesHint();
        }
        Optional<AgentSession> found = AgentSession.liveByName(args.strip());
        if (found.isEmpty()) {
            return unknown(args.strip());
        }
        AgentSession s = found.get();
        long now = System.currentTimeMillis();
        long queued = InboxMessage.pendingCount(s.id);
        String lastBody = InboxMessage.lastBody(s.id).orElse(null);
        return "<b>" + Html.escape(s.name) + "</b>\nStatus: " + statusWord(s) + "\nProject: <code>"
                + Html.escape(s.projectDir) + "</code>\nHost: " + Html.escape(s.host) + ", pid " + s.pid
                + "\nStarted: " + ago(now - s.startedAt) + "\nLast activity: " + ago(now - s.lastActivity)
                + "\nQueued messages: " + queued
                + (s.waitingFor == null ? "" : "\nWaiting: " + Html.escape(s.waitingFor))
                + (lastBody == null ? "" : "\nLast message from you: " + Html.escape(abbreviate(lastBody, 300)));
    }

    private String keep(String args) {
        String arg = args.strip();
        if (arg.isEmpty()) {
            return lockedName().map(n -> "Plain messages go to <b>" + Html.escape(n) + "</b>. <code>/keep off</code>"
                    + " unlocks.").orElse("No lock: plain messages go to the only session, or I ask. Usage:"
                            + " <code>/keep &lt;name&gt;</code> or <code>/keep off</code>.");
        }
        if (arg.equalsIgnoreCase("off")) {
            PollState.lock(null);
            return "Unlocked: plain messages go to the only session again, or I ask which.";
        }
        Optional<AgentSession> target = AgentSession.liveByName(arg);
        if (target.isEmpty()) {
            return unknown(arg);
        }
        PollState.lock(target.get().name);
        return "🔒 Plain messages now go to <b>" + Html.escape(target.get().name) + "</b> until <code>/keep off</code>"
                + " (replies to other sessions' messages still reach them).";
    }

    private String delete(String args, long updateId) {
        String arg = args.strip();
        if (arg.isEmpty()) {
            return "Usage: <code>/delete &lt;name&gt;</code>. " + namesHint();
        }
        Optional<AgentSession> found = AgentSession.liveByName(arg);
        if (found.isEmpty()) {
            return unknown(arg);
        }
        AgentSession s = found.get();
        // The session's waiting tool takes this message and tells the assistant to leave unattended mode.
        inbox.enqueue(s.id, updateId, null, InboxMessage.KIND_DELETE, "/delete", null);
        AgentSession.end(s.id, System.currentTimeMillis());
        PollState.unlockIf(s.name);
        return "Removed <b>" + Html.escape(s.name) + "</b>. Its assistant is told to leave unattended mode; the process"
                + " ends when its client closes it.";
    }

    private String file(String args) {
        List<String> words = new ArrayList<>(List.of(args.strip().split("\\s+")));
        if (args.isBlank() || words.size() < 2) {
            return "Usage: <code>/file &lt;name&gt; &lt;path&gt; [download]</code>, the path relative to the session's"
                    + " project. " + namesHint();
        }
        String name = words.remove(0);
        Optional<AgentSession> found = AgentSession.liveByName(name);
        if (found.isEmpty()) {
            return unknown(name);
        }
        String rest = args.strip().substring(name.length()).strip();
        CommandRequest.create(found.get().id, "file", rest, System.currentTimeMillis());
        wakeUps.fire(SessionWakeUp.command(found.get().id));
        return null;
    }

    private Optional<String> lockedName() {
        return PollState.lockedSession().flatMap(AgentSession::liveByName).map(s -> s.name);
    }

    private String unknown(String name) {
        return "No running session is called <b>" + Html.escape(name) + "</b>. " + namesHint();
    }

    private String namesHint() {
        List<AgentSession> live = AgentSession.liveOnes();
        if (live.isEmpty()) {
            return "No session is running.";
        }
        return "Running: " + String.join(", ", live.stream().map(s -> "<code>" + Html.escape(s.name) + "</code>")
                .toList()) + ".";
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

    private static String abbreviate(String text, int max) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
