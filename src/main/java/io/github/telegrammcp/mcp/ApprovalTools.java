package io.github.telegrammcp.mcp;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.telegrammcp.approval.ApprovalPrompt;
import io.github.telegrammcp.approval.ApprovalRequest;
import io.github.telegrammcp.approval.Decision;
import io.github.telegrammcp.approval.SessionGrants;
import io.github.telegrammcp.approval.Verdict;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.stdio.StdioGuard;
import io.quarkiverse.mcp.server.Cancellation;
import io.quarkiverse.mcp.server.Progress;
import io.quarkiverse.mcp.server.RequestId;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * The permission prompt tool of headless Claude Code ({@code claude -p --permission-prompt-tool
 * mcp__telegram__telegram_approve}): Claude Code calls it with {@code tool_name} and {@code input} whenever a tool needs
 * permission, and reads the JSON text it returns ({@code {"behavior":"allow","updatedInput":{...}}} or
 * {@code {"behavior":"deny","message":"..."}}, checked with Claude Code 2.1.328). The owner answers in Telegram, as for
 * the PermissionRequest hook; without an answer in time the call is denied.
 */
public class ApprovalTools {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolGuard guard;
    private final ApprovalPrompt prompts;
    private final Settings settings;

    public ApprovalTools(ToolGuard guard, ApprovalPrompt prompts, Settings settings) {
        this.guard = guard;
        this.prompts = prompts;
        this.settings = settings;
    }

    @Tool(name = "telegram_approve", description = """
            The permission prompt tool for Claude Code's headless mode: start Claude Code with `claude -p \
            --permission-prompt-tool mcp__telegram__telegram_approve`, and it calls this tool whenever another tool \
            needs permission. It asks the owner in Telegram (Allow, Allow for this session, Deny) and returns Claude \
            Code's permission result as JSON. Do not call it yourself: Claude Code does.""",
            annotations = @Tool.Annotations(title = "Ask the owner for permission (Claude Code's permission prompt tool)",
                    readOnlyHint = false, destructiveHint = false, idempotentHint = false, openWorldHint = true))
    Uni<String> approve(
            @ToolArg(name = "tool_name", description = "The tool that asks for permission, as Claude Code names it"
                    + " (Bash, Write, mcp__server__tool).")
            String toolName,
            @ToolArg(name = "input", description = "The tool's input, as the model gave it.", required = false)
            Map<String, Object> input,
            @ToolArg(name = "tool_use_id", description = "Claude Code's id of the tool call.", required = false)
            String toolUseId,
            Progress progress, Cancellation cancellation, RequestId requestId) {
        String sessionId = guard.readySession();
        ArgumentLimits.atMost(ToolGuard.required(toolName, "tool_name", "\"Bash\""), "tool_name",
                ArgumentLimits.TOOL_NAME, "Give the tool's name as Claude Code spells it.");
        JsonNode in = input == null ? JsonNodeFactory.instance.objectNode() : JSON.valueToTree(input);
        String description = in.path("description").isTextual() ? in.path("description").asText() : null;
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.Origin.PROMPT_TOOL, guard.sessionName(),
                sessionId, "session:" + sessionId, toolName, description, in, grants(toolName, in));
        Optional<StdioGuard> stdio = requestId == null ? Optional.empty() : StdioGuard.installed();
        Duration timeout = settings.approvalTimeout();
        long started = System.nanoTime();
        Cancellable heartbeat = progress.token().isEmpty() ? () -> {
        } : Uni.createFrom().item(0).onItem().delayIt().by(Duration.ofSeconds(30)).repeat().indefinitely()
                .subscribe().with(x -> progress.notificationBuilder()
                        .setProgress((System.nanoTime() - started) / 1_000_000_000L)
                        .setMessage("Waiting for the owner's permission on Telegram").build().sendAndForget());
        return prompts.ask(request, timeout, () -> cancellation.check().isRequested()
                || stdio.filter(g -> g.cancelled(requestId.value())).isPresent())
                .map(decision -> answer(decision, in, timeout))
                .onFailure(ApprovalPrompt.Unavailable.class).recoverWithItem(e -> deny("The owner could not be asked"
                        + " in Telegram (" + e.getMessage() + "), so this was not allowed. Tell the user if you can."))
                .onTermination().invoke(heartbeat::cancel)
                .emitOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Claude Code's permission result. */
    static String answer(Decision decision, JsonNode input, Duration timeout) {
        Verdict verdict = decision.verdict();
        if (verdict.allows()) {
            ObjectNode allow = JsonNodeFactory.instance.objectNode().put("behavior", "allow");
            allow.set("updatedInput", input);
            if (verdict == Verdict.ALLOW_SESSION && !decision.grants().isEmpty()) {
                allow.set("updatedPermissions", decision.grants().updates());
            }
            return allow.toString();
        }
        if (verdict == Verdict.DENY) {
            return deny(Decision.DENIED);
        }
        if (verdict == Verdict.CANCELLED) {
            return deny("The permission request was cancelled before the owner answered.");
        }
        return deny("The owner did not answer in Telegram within " + timeout.toMinutes() + " min, so this was not"
                + " allowed. Ask the owner with telegram_notify and telegram_wait_reply if you still need it.");
    }

    private static String deny(String message) {
        return JsonNodeFactory.instance.objectNode().put("behavior", "deny").put("message", message).toString();
    }

    /**
     * For a shell command, "Allow for this session" also gives Claude Code a rule for exactly that command, so it does
     * not call this tool again; for other tools this server remembers the exact request.
     */
    static SessionGrants grants(String toolName, JsonNode input) {
        if (!"Bash".equals(toolName) || !input.path("command").isTextual()) {
            return SessionGrants.none();
        }
        ObjectNode rule = JsonNodeFactory.instance.objectNode().put("toolName", "Bash")
                .put("ruleContent", input.path("command").asText());
        ObjectNode update = JsonNodeFactory.instance.objectNode().put("type", "addRules");
        update.set("rules", JsonNodeFactory.instance.arrayNode().add(rule));
        update.put("behavior", "allow").put("destination", "session");
        ArrayNode updates = JsonNodeFactory.instance.arrayNode().add(update);
        return SessionGrants.fromSuggestions(updates);
    }
}
