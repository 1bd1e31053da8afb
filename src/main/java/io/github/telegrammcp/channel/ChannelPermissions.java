package io.github.telegrammcp.channel;

import java.time.Duration;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.telegrammcp.approval.ApprovalPrompt;
import io.github.telegrammcp.approval.ApprovalRequest;
import io.github.telegrammcp.approval.SessionGrants;
import io.github.telegrammcp.approval.Verdict;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.session.Readiness;
import io.github.telegrammcp.session.SessionRegistry;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Claude Code's channel permission relay: a {@code permission_request} becomes the same Allow / Deny prompt in
 * Telegram as the approvals' hook and prompt tool. Allow (also "Allow for this session", which the prompt service then
 * remembers for identical requests) answers {@code allow}, Deny answers {@code deny}; without an answer nothing is
 * sent, and Claude Code's terminal dialog, which stays open meanwhile, decides. The first answer, terminal or phone,
 * wins in Claude Code.
 */
@ApplicationScoped
public class ChannelPermissions {

    private static final Logger LOG = Logger.getLogger(ChannelPermissions.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request that comes while the process is still starting waits this long for its store and session. */
    static final Duration STARTUP = Duration.ofSeconds(60);

    private final ApprovalPrompt prompts;
    private final SessionRegistry registry;
    private final Settings settings;
    private final Readiness readiness;

    public ChannelPermissions(ApprovalPrompt prompts, SessionRegistry registry, Settings settings,
            Readiness readiness) {
        this.prompts = prompts;
        this.registry = registry;
        this.settings = settings;
        this.readiness = readiness;
    }

    /**
     * Puts the request to the owner; {@code answer} gets {@code allow} or {@code deny} once the owner pressed one, and
     * is not called otherwise. Returns at once.
     *
     * @param params {@code {request_id, tool_name, description, input_preview}}
     */
    void ask(JsonNode params, Consumer<String> answer) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            // The client may ask before start-up has opened the store and registered the session.
            if (!readiness.await(STARTUP) || readiness.problem() != null) {
                LOG.warnf("Claude Code's permission request %s came while this session could not start; its terminal"
                        + " decides", params.path("request_id").asText());
                return;
            }
            askNow(params, answer);
        });
    }

    private void askNow(JsonNode params, Consumer<String> answer) {
        String requestId = params.path("request_id").asText("");
        String tool = params.path("tool_name").asText("");
        if (requestId.isEmpty() || tool.isEmpty()) {
            LOG.warnf("Ignored a channel permission request without request_id or tool_name: %s", params);
            return;
        }
        String description = params.path("description").isTextual() ? params.path("description").asText() : null;
        String sessionId = registry.currentId().orElse(null);
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.Origin.CHANNEL, registry.currentName(),
                sessionId, sessionId == null ? null : "session:" + sessionId, tool, description,
                input(params.path("input_preview")), SessionGrants.none());
        prompts.ask(request, settings.approvalTimeout(), () -> false).subscribe().with(decision -> {
            Verdict verdict = decision.verdict();
            if (verdict.allows()) {
                answer.accept("allow");
            } else if (verdict == Verdict.DENY) {
                answer.accept("deny");
            } else {
                LOG.infof("Permission request %s ended without the owner's answer (%s); Claude Code's terminal"
                        + " decides", requestId, verdict.code());
            }
        }, failure -> LOG.warnf("Permission request %s could not be put to the owner (%s); Claude Code's terminal"
                + " decides", requestId, failure.getMessage()));
    }

    /**
     * The tool's input as the prompt shows it. Claude Code sends a preview: the input's JSON, possibly cut short; a
     * preview that is not a whole JSON object is shown as it came.
     */
    static ObjectNode input(JsonNode preview) {
        String text = preview.isTextual() ? preview.asText() : preview.isMissingNode() ? "" : preview.toString();
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed instanceof ObjectNode object) {
                return object;
            }
        } catch (Exception e) {
            // not JSON, or cut short
        }
        return JsonNodeFactory.instance.objectNode().put("input_preview", text);
    }
}
