package io.github.telegrammcp.mcp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.WaitOutcome;
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

/**
 * telegram_ask: a question with one button per answer, and a wait like telegram_wait_reply that only an answer ends
 * (a pressed button, or an option's text typed; any message with allow_text).
 */
public class AskTools {

    private final ToolGuard guard;
    private final WaitTools waitTools;
    private final WaitResults results;
    private final Questions questions;

    public AskTools(ToolGuard guard, WaitTools waitTools, WaitResults results, Questions questions) {
        this.guard = guard;
        this.waitTools = waitTools;
        this.results = results;
        this.questions = questions;
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
                    + " is not obvious.") String question,
            @ToolArg(description = "2 to 8 answers, each a button label of at most 64 characters,"
                    + " all different.") List<String> options,
            @ToolArg(name = "allow_text", description = "true lets the owner type an answer instead of pressing a"
                    + " button. Default false.", required = false) Boolean allowText,
            @ToolArg(name = "max_wait", description = "Longest wait in seconds, 1 to 604800. Default: "
                    + "TELEGRAM_MAX_WAIT (604800 = 7 days).", required = false) Number maxWait,
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
        } catch (RuntimeException e) {
            throw guard.storeFailureOr(e);
        }
        String status = "an answer to: " + WaitTools.abbreviate(question.strip(), 200);
        return waitTools.await(sessionId, words ? null : answers, limit, status, progress, cancellation, requestId)
                .map(outcome -> askResult(asked, outcome));
    }

    private ToolResponse askResult(Questions.Asked asked, WaitOutcome outcome) {
        if (outcome instanceof WaitOutcome.Delivered delivered) {
            InboxMessage message = delivered.message();
            if (InboxMessage.KIND_DELETE.equals(message.kind)) {
                return ToolResponse.success(WaitTools.REMOVED);
            }
            Optional<Integer> index = asked.indexOf(message.body);
            if (index.isPresent() && message.telegramFileId == null) {
                String choice = asked.options().get(index.get());
                questions.answeredInWords(asked, choice);
                return new ToolResponse(false, List.of(new TextContent("The owner chose \"" + choice + "\" (option "
                        + index.get() + ", counting from 0) in Telegram.")), choiceContent(choice, index.get()), null);
            }
            String text = results.describe(message);
            questions.answeredInWords(asked,
                    message.body == null || message.body.isBlank() ? "(a file)" : message.body);
            return new ToolResponse(false, List.of(new TextContent(WaitTools.REPLY_INTRO + text
                    + "\n\n(The owner typed this instead of choosing one of the options.)")), Map.of("text", text),
                    null);
        }
        if (outcome instanceof WaitOutcome.TimedOut timedOut) {
            if (timedOut.storeProblem() != null) {
                return ToolResponse.success("No answer could be read within " + timedOut.waitedSeconds() + " s: "
                        + results.storeFailure(timedOut, "wait for the answer with telegram_wait_reply (the question is"
                                + " not sent again)"));
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
}
