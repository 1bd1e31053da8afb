package io.github.telegrammcp.mcp;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.WaitOutcome;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.outgoing.QueuedMessageNotice;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.SessionStatus;
import io.github.telegrammcp.stdio.StdioGuard;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.RequestId;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Tools that wait for the owner: a single reply, or the unattended loop's next instruction ({@link AskTools} waits
 * through here too).
 */
public class WaitTools {

    /** The result a session reads when the owner removed it with /delete. */
    public static final String REMOVED = "The owner removed this session with /delete in Telegram. Leave unattended mode"
            + " now: do not call telegram_unattended_mode or telegram_wait_reply again; finish or pause the current work"
            + " cleanly.";

    /*
     * Results say who wrote the text, through what, and what to do with it, in their own words: a client may hand them
     * to the model wrapped in its own framing (Claude Code's background-task notification says "not a message from
     * the user", Gemini CLI marks every MCP result as untrusted tool output), and the meaning must survive that.
     */

    /** Opens a delivered reply; the owner's message follows. */
    public static final String REPLY_INTRO = "The owner (the user you work for) answered in Telegram, from their own"
            + " chat (the server accepts no one else). Take this as the user's reply, even if it reaches you inside a"
            + " background-task notification or marked as tool output:\n\n";

    /** Opens a delivered instruction in unattended mode; the owner's message and {@link #INSTRUCTION_NEXT} follow. */
    public static final String INSTRUCTION_INTRO = "New instruction from the owner (the user you work for), sent in"
            + " Telegram from their own chat (the server accepts no one else). In unattended mode this is the user's"
            + " next instruction, even if it reaches you inside a background-task notification or marked as tool"
            + " output:\n\n";

    /** Closes a delivered instruction: what to do with it. */
    static final String INSTRUCTION_NEXT = "\n\nCarry it out now. When done, report with telegram_notify (a short"
            + " summary), then call telegram_unattended_mode again to wait for the next instruction.";

    /** Words that end unattended mode, as in the original. */
    static final Set<String> EXIT_WORDS = Set.of("exit", "quit", "stop", "退出", "结束");

    private final ToolGuard guard;
    private final WaitService waits;
    private final WaitResults results;
    private final SessionRegistry registry;
    private final QueuedMessageNotice queuedNotice;
    private final ProgressCadence cadence;

    public WaitTools(ToolGuard guard, WaitService waits, WaitResults results, SessionRegistry registry,
            QueuedMessageNotice queuedNotice, ProgressCadence cadence) {
        this.guard = guard;
        this.waits = waits;
        this.results = results;
        this.registry = registry;
        this.queuedNotice = queuedNotice;
        this.cadence = cadence;
    }

    @Tool(name = "telegram_wait_reply", description = """
            Wait for the owner's next Telegram message to this session and return it. Use after telegram_notify \
            asked a question. Returns as soon as the owner answers (replies to this session's messages, /to \
            commands, or any message while this is the only session). Waits up to max_wait seconds (default: \
            TELEGRAM_MAX_WAIT, 7 days); on timeout nothing is lost and you may call it again. Messages that arrived \
            while you were busy are returned at once, oldest first.""",
            annotations = @Tool.Annotations(title = "Wait for the owner's reply", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    @Blocking
    Uni<String> waitReply(
            @ToolArg(name = "max_wait", description = "Longest wait in seconds, 1 to 604800. Default: "
                    + "TELEGRAM_MAX_WAIT (604800 = 7 days).", required = false) Number maxWait,
            Progress progress, Cancellation cancellation, RequestId requestId) {
        String sessionId = guard.readySession();
        Duration limit = guard.maxWait(maxWait);
        return await(sessionId, limit, "waiting for a reply", progress, cancellation, requestId).map(outcome -> {
            if (outcome instanceof WaitOutcome.Delivered delivered) {
                if (InboxMessage.KIND_DELETE.equals(delivered.message().kind)) {
                    return REMOVED;
                }
                return REPLY_INTRO + results.describe(delivered.message());
            }
            if (outcome instanceof WaitOutcome.TimedOut timedOut) {
                if (timedOut.storeProblem() != null) {
                    return "No reply could be read within " + timedOut.waitedSeconds() + " s: "
                            + results.storeFailure(timedOut, "call telegram_wait_reply again");
                }
                return "No reply within " + timedOut.waitedSeconds() + " s from the owner in Telegram. Nothing is lost:"
                        + " a later reply stays queued. Call telegram_wait_reply again to keep waiting, or carry on.";
            }
            return "The wait was cancelled. Any reply stays queued for the next wait.";
        });
    }

    @Tool(name = "telegram_unattended_mode", description = """
            The waiting half of unattended mode, for working while the owner is away. The loop is: do the task, \
            report with telegram_notify, then call this tool; it waits for the owner's next instruction from \
            Telegram and returns it; carry it out, report, and call this tool again. It sends nothing itself, so \
            notify first. When the owner sends an exit word (exit, quit, 退出, 结束) it tells you to leave the loop. \
            Waits up to max_wait seconds (default TELEGRAM_MAX_WAIT, 7 days); on timeout call it again.""",
            annotations = @Tool.Annotations(title = "Wait for the next instruction (unattended mode)",
                    readOnlyHint = false, destructiveHint = false, idempotentHint = false, openWorldHint = true))
    @Blocking
    Uni<String> unattendedMode(
            @ToolArg(name = "current_status", description = "One or two sentences on what you just finished and the"
                    + " state of the work; shown to the owner in /sessions.") String currentStatus,
            @ToolArg(name = "max_wait", description = "Longest wait in seconds, 1 to 604800. Default: "
                    + "TELEGRAM_MAX_WAIT (604800 = 7 days).", required = false) Number maxWait,
            Progress progress, Cancellation cancellation, RequestId requestId) {
        String sessionId = guard.readySession();
        ToolGuard.required(currentStatus, "current_status", "\"Refactoring done; all tests pass\"");
        Duration limit = guard.maxWait(maxWait);
        String status = "unattended: " + abbreviate(currentStatus.strip(), 300);
        return await(sessionId, limit, status, progress, cancellation, requestId).map(outcome -> {
            if (outcome instanceof WaitOutcome.Delivered delivered) {
                InboxMessage message = delivered.message();
                if (InboxMessage.KIND_DELETE.equals(message.kind)) {
                    return REMOVED;
                }
                if (isExitWord(message.body)) {
                    return "The owner ended unattended mode from Telegram (\"" + message.body.strip() + "\"). Leave the"
                            + " loop: do not call telegram_unattended_mode again. Finish or pause the current work"
                            + " cleanly and, if useful, send a final summary with telegram_notify.";
                }
                return INSTRUCTION_INTRO + results.describe(message) + INSTRUCTION_NEXT;
            }
            if (outcome instanceof WaitOutcome.TimedOut timedOut) {
                if (timedOut.storeProblem() != null) {
                    return "No instruction could be read within " + timedOut.waitedSeconds() + " s: "
                            + results.storeFailure(timedOut, "call telegram_unattended_mode again");
                }
                return "No instruction within " + timedOut.waitedSeconds() + " s from the owner in Telegram. Call"
                        + " telegram_unattended_mode again to keep waiting.";
            }
            return "The wait was cancelled. Any instruction stays queued for the next call.";
        });
    }

    private Uni<WaitOutcome> await(String sessionId, Duration limit, String waitingFor, Progress progress,
            Cancellation cancellation, RequestId requestId) {
        return await(sessionId, null, limit, waitingFor, progress, cancellation, requestId);
    }

    /**
     * A wait of this session for the owner's next message, or with {@code answers} only for a message with one of those
     * texts (see {@link WaitService#await(String, List, Duration, WaitService.CancelCheck, java.util.function.Consumer,
     * java.util.function.Function)}): shows the status in /sessions meanwhile, reports progress, and hands back a
     * message the client no longer takes.
     */
    Uni<WaitOutcome> await(String sessionId, List<String> answers, Duration limit, String waitingFor,
            Progress progress, Cancellation cancellation, RequestId requestId) {
        registry.showStatus(SessionStatus.WAITING, waitingFor);
        // The stdio guard sees a cancellation the moment it arrives, even one that overtook the call in the extension.
        Optional<StdioGuard> stdio = requestId == null ? Optional.empty() : StdioGuard.installed();
        WaitService.CancelCheck cancelCheck = new WaitService.CancelCheck() {
            @Override
            public Optional<String> reason() {
                Cancellation.Result result = cancellation.check();
                if (result.isRequested()) {
                    return Optional.of(result.reason().orElse("cancelled"));
                }
                return stdio.filter(g -> g.cancelled(requestId.value())).map(g -> "cancelled");
            }

            @Override
            public Runnable whenCancelled(Runnable signal) {
                // Every cancellation line passes the guard before the extension sees it: the wait need not poll.
                return stdio.map(g -> g.onCancel(requestId.value(), signal)).orElse(null);
            }
        };
        return waits.await(sessionId, answers, limit, cancelCheck,
                // No total: a share of the 7-day ceiling means nothing (Claude Code showed "(0%)" for days).
                seconds -> progress.token().ifPresent(token -> progress.notificationBuilder()
                        .setProgress(seconds)
                        .setMessage("Waiting for the owner on Telegram (" + seconds + " s)").build().sendAndForget()),
                cadence::after)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onTermination().invoke(() -> registry.showStatus(SessionStatus.RUNNING, null))
                .onTermination().invoke((outcome, failure, cancelled) -> {
                    if (outcome instanceof WaitOutcome.Delivered delivered) {
                        // Cancelled while the answer was on its way: the guard drops it, the message goes back.
                        stdio.ifPresent(g -> g.onAnswerDropped(requestId.value(),
                                () -> waits.giveBack(delivered.message().id)));
                    } else {
                        Infrastructure.getDefaultWorkerPool().execute(queuedNotice::afterWait);
                    }
                });
    }

    static boolean isExitWord(String text) {
        return text != null && EXIT_WORDS.contains(text.strip().toLowerCase(Locale.ROOT));
    }

    static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
