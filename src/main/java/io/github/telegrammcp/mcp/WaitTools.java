package io.github.telegrammcp.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import io.github.telegrammcp.bot.QueuedMessageNotice;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.config.TelegramConfig;
import io.github.telegrammcp.inbox.AttachmentStore;
import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.WaitOutcome;
import io.github.telegrammcp.inbox.WaitService;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.SessionStatus;
import io.github.telegrammcp.stdio.StdioGuard;
import io.github.telegrammcp.store.StoreException;
import io.github.telegrammcp.store.StoreProblems;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.RequestId;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolResponse;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** Tools that wait for the owner: a single reply, a multiple-choice answer, or the unattended loop's next instruction. */
public class WaitTools {

    public static final String REMOVED = "The owner removed this session with /delete in Telegram. Leave unattended mode now:"
            + " do not call telegram_unattended_mode or telegram_wait_reply again; finish or pause the current work"
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


    @Inject
    ToolGuard guard;

    @Inject
    WaitService waits;

    @Inject
    AttachmentStore attachments;

    @Inject
    SessionRegistry registry;

    @Inject
    QueuedMessageNotice queuedNotice;

    /** Progress notifications keep Claude Code's 30-minute idle timer from killing a long wait. */
    @Inject
    TelegramConfig config;

    @Inject
    Settings settings;

    @Inject
    StoreProblems storeProblems;

    @Inject
    Questions questions;

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
                    + "TELEGRAM_MAX_WAIT (604800 = 7 days).", required = false)
            Number maxWait,
            Progress progress, Cancellation cancellation, RequestId requestId) {
        String sessionId = guard.readySession();
        Duration limit = guard.maxWait(maxWait);
        return await(sessionId, limit, "waiting for a reply", progress, cancellation, requestId).map(outcome -> {
            if (outcome instanceof WaitOutcome.Delivered delivered) {
                if (InboxMessage.KIND_DELETE.equals(delivered.message().kind)) {
                    return REMOVED;
                }
                return REPLY_INTRO + describe(delivered.message());
            }
            if (outcome instanceof WaitOutcome.TimedOut timedOut) {
                if (timedOut.storeProblem() != null) {
                    return "No reply could be read within " + timedOut.waitedSeconds() + " s: " + storeFailure(timedOut);
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
                    + " state of the work; shown to the owner in /sessions.")
            String currentStatus,
            @ToolArg(name = "max_wait", description = "Longest wait in seconds, 1 to 604800. Default: "
                    + "TELEGRAM_MAX_WAIT (604800 = 7 days).", required = false)
            Number maxWait,
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
                return INSTRUCTION_INTRO + describe(message) + INSTRUCTION_NEXT;
            }
            if (outcome instanceof WaitOutcome.TimedOut timedOut) {
                if (timedOut.storeProblem() != null) {
                    return "No instruction could be read within " + timedOut.waitedSeconds() + " s: "
                            + storeFailure(timedOut);
                }
                return "No instruction within " + timedOut.waitedSeconds() + " s from the owner in Telegram. Call"
                        + " telegram_unattended_mode again to keep waiting.";
            }
            return "The wait was cancelled. Any instruction stays queued for the next call.";
        });
    }

    @Tool(name = "telegram_ask", description = """
            Ask the owner a question in Telegram with 2 to 8 possible answers, one button each, and wait for the \
            choice. Use it when you need a decision between a few options (which approach, go or stop, which file); \
            the owner answers with one tap. Returns the chosen option as text and as structured content \
            {"choice": "<option>", "index": <0-based>}. With allow_text the owner may type an answer instead, \
            returned as {"text": "<what they typed>"}; without it, typed messages stay queued for your next wait. \
            Waits like telegram_wait_reply: up to max_wait seconds (default TELEGRAM_MAX_WAIT, 7 days), and an \
            answer that comes later stays queued for your next wait.""",
            annotations = @Tool.Annotations(title = "Ask the owner a multiple-choice question", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    @Blocking
    Uni<ToolResponse> ask(
            @ToolArg(description = "The question, plain text up to 3000 characters; say what each answer means if it"
                    + " is not obvious.")
            String question,
            @ToolArg(description = "2 to 8 answers, each a button label of at most 64 characters, all different.")
            List<String> options,
            @ToolArg(name = "allow_text", description = "true lets the owner type an answer instead of pressing a"
                    + " button. Default false.", required = false)
            Boolean allowText,
            @ToolArg(name = "max_wait", description = "Longest wait in seconds, 1 to 604800. Default: "
                    + "TELEGRAM_MAX_WAIT (604800 = 7 days).", required = false)
            Number maxWait,
            Progress progress, Cancellation cancellation, RequestId requestId) {
        String sessionId = guard.readySession();
        ArgumentLimits.atMost(ToolGuard.required(question, "question", "\"Deploy to staging now?\""), "question",
                ArgumentLimits.QUESTION, "Put the background in a telegram_notify first and keep the question short.");
        List<String> answers = Questions.options(options);
        Duration limit = guard.maxWait(maxWait);
        boolean words = Boolean.TRUE.equals(allowText);
        Questions.Asked asked;
        try {
            asked = questions.ask(sessionId, guard.sessionName(), question, answers, words);
        } catch (TelegramApiException e) {
            throw ToolGuard.failure(e);
        } catch (StoreException e) {
            throw guard.storeFailure(e);
        }
        String status = "an answer to: " + abbreviate(question.strip(), 200);
        return await(sessionId, words ? null : answers, limit, status, progress, cancellation, requestId)
                .map(outcome -> askResult(asked, outcome));
    }

    private ToolResponse askResult(Questions.Asked asked, WaitOutcome outcome) {
        if (outcome instanceof WaitOutcome.Delivered delivered) {
            InboxMessage message = delivered.message();
            if (InboxMessage.KIND_DELETE.equals(message.kind)) {
                return ToolResponse.success(REMOVED);
            }
            Optional<Integer> index = asked.indexOf(message.body);
            if (index.isPresent() && message.telegramFileId == null) {
                String choice = asked.options().get(index.get());
                questions.answeredInWords(asked, choice);
                return new ToolResponse(false, List.of(new TextContent("The owner chose \"" + choice + "\" (option "
                        + index.get() + ", counting from 0) in Telegram.")), choiceContent(choice, index.get()), null);
            }
            String text = describe(message);
            questions.answeredInWords(asked, message.body == null || message.body.isBlank() ? "(a file)" : message.body);
            return new ToolResponse(false, List.of(new TextContent(REPLY_INTRO + text
                    + "\n\n(The owner typed this instead of choosing one of the options.)")), Map.of("text", text),
                    null);
        }
        if (outcome instanceof WaitOutcome.TimedOut timedOut) {
            if (timedOut.storeProblem() != null) {
                return ToolResponse.success("No answer could be read within " + timedOut.waitedSeconds() + " s: "
                        + storeFailure(timedOut));
            }
            return ToolResponse.success("No answer within " + timedOut.waitedSeconds() + " s. The question stays in"
                    + " Telegram: if the owner answers later, the answer is queued for your next wait"
                    + " (telegram_wait_reply).");
        }
        return ToolResponse.success("The question was cancelled. An answer the owner gives later stays queued for the"
                + " next wait.");
    }

    /** {"choice": ..., "index": ...} in that order, whichever JVM serialises it. */
    private static Map<String, Object> choiceContent(String choice, int index) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("choice", choice);
        content.put("index", index);
        return content;
    }

    private Uni<WaitOutcome> await(String sessionId, Duration limit, String waitingFor, Progress progress,
            Cancellation cancellation, RequestId requestId) {
        return await(sessionId, null, limit, waitingFor, progress, cancellation, requestId);
    }

    private Uni<WaitOutcome> await(String sessionId, List<String> answers, Duration limit, String waitingFor,
            Progress progress, Cancellation cancellation, RequestId requestId) {
        showStatus(SessionStatus.WAITING, waitingFor);
        // The stdio guard sees a cancellation the moment it arrives, even one that overtook the call in the extension.
        Optional<StdioGuard> stdio = requestId == null ? Optional.empty() : StdioGuard.installed();
        return waits.await(sessionId, answers, limit,
                () -> {
                    Cancellation.Result result = cancellation.check();
                    if (result.isRequested()) {
                        return Optional.of(result.reason().orElse("cancelled"));
                    }
                    return stdio.filter(g -> g.cancelled(requestId.value())).map(g -> "cancelled");
                },
                // No total: a share of the 7-day ceiling means nothing (Claude Code showed "(0%)" for days).
                seconds -> progress.token().ifPresent(token -> progress.notificationBuilder()
                        .setProgress(seconds)
                        .setMessage("Waiting for the owner on Telegram (" + seconds + " s)").build().sendAndForget()),
                this::progressInterval)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onTermination().invoke(() -> showStatus(SessionStatus.RUNNING, null))
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

    /** The status is only shown in /sessions: a wait neither fails nor lasts longer because the store does. */
    private void showStatus(SessionStatus status, String waitingFor) {
        registry.setStatusInBackground(status, waitingFor);
    }

    /**
     * Progress cadence: TELEGRAM_POLL_INTERVAL's schedule (30 s, then 60 s after 10 min, ...), never above 60 s so that
     * clients with idle timers keep the call alive; the internal setting only lowers it (tests).
     */
    Duration progressInterval(Duration elapsed) {
        Duration scheduled = settings.pollSchedule().intervalAfter(elapsed);
        Duration cap = Duration.ofSeconds(Math.max(1, Math.min(60, config.progressSeconds())));
        return scheduled.compareTo(cap) < 0 ? scheduled : cap;
    }

    /** Why the wait could not read the inbox, and what happens to the owner's messages meanwhile. */
    private String storeFailure(WaitOutcome.TimedOut timedOut) {
        return timedOut.storeProblem() + ". The owner's messages are not lost: Telegram keeps them (for up to 24 hours)"
                + " until the state store can take them. " + storeProblems.advice() + " Tell the user if you can; then"
                + " wait again.";
    }

    static boolean isExitWord(String text) {
        return text != null && EXIT_WORDS.contains(text.strip().toLowerCase(Locale.ROOT));
    }

    /** The owner's message as the session reads it: its text, and where an attached file was saved. */
    public String describe(InboxMessage message) {
        StringBuilder out = new StringBuilder(message.body == null ? "" : message.body);
        if (message.telegramFileId != null) {
            String what = "voice".equals(message.kind) ? "voice note" : message.kind;
            out.append(out.length() == 0 ? "" : "\n\n");
            try {
                Path saved = attachments.save(message, registry.currentName());
                out.append("The owner sent a ").append(what).append(", saved at: ").append(saved);
            } catch (TelegramApiException e) {
                // A download that fails writing the file looks like a network error; the directory tells which it was.
                Optional<String> disk = StateDirectory.problem(settings.stateDir());
                out.append("The owner sent a ").append(what).append(disk.isPresent()
                        ? ", but it could not be saved: " + disk.get() + ". " + storeProblems.advice() + " Then ask the"
                                + " owner to send it again."
                        : ", but it could not be downloaded from Telegram (" + e.userMessage() + "). Ask the owner to"
                                + " send it again.");
            } catch (IOException e) {
                out.append("The owner sent a ").append(what).append(", but it could not be saved in the state directory ")
                        .append(settings.stateDir()).append(" (").append(StateDirectory.reason(e)).append("). ")
                        .append(storeProblems.advice()).append(" Then ask the owner to send it again.");
            } catch (RuntimeException e) {
                out.append("The owner sent a ").append(what).append(", but it could not be saved (")
                        .append(e.getMessage()).append("). Ask the owner to send it again.");
            }
        }
        return out.toString();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
