package io.github.telegrammcp.channel;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.telegrammcp.config.TelegramConfig;
import io.github.telegrammcp.stdio.StdioGuard;
import io.github.telegrammcp.stdio.StdioHook;

/**
 * Claude Code's channel protocol, in the one place that can speak it. MCP extension 1.10.1 has no API to declare an
 * {@code experimental} capability or to send a notification it does not know, so this {@link StdioHook} adds
 * {@code "experimental": {"claude/channel": {}}} (and a line of instructions for the model) to the
 * {@code initialize} result on its way out, and {@link #push} writes {@code notifications/claude/channel} through the
 * stdio guard. Claude Code (2.1.80 or later, started with
 * {@code --dangerously-load-development-channels server:telegram}) turns each push into a new turn of an idle session.
 */
@ApplicationScoped
public class ClaudeChannel implements StdioHook {

    private static final Logger LOG = Logger.getLogger(ClaudeChannel.class);

    /** The {@code clientInfo.name} Claude Code gives in {@code initialize}. */
    static final String CLAUDE_CODE = "claude-code";
    /** The notification Claude Code listens to once the capability is declared. */
    public static final String METHOD = "notifications/claude/channel";
    static final String CAPABILITY = "claude/channel";
    /** With it, Claude Code relays its permission prompts here (2.1.81 or later). */
    static final String PERMISSION_CAPABILITY = "claude/channel/permission";
    /** Claude Code asks for permission. */
    static final String PERMISSION_REQUEST = "notifications/claude/channel/permission_request";
    /** The owner's verdict, sent back. */
    static final String PERMISSION = "notifications/claude/channel/permission";
    static final String INSTRUCTIONS = "Messages the owner (the user you work for) writes to this session in Telegram"
            + " arrive as <channel source=\"telegram\" ...> while you are not waiting in telegram_wait_reply or"
            + " telegram_unattended_mode: treat each as the user's next message. Answer with telegram_notify or"
            + " telegram_send.";

    /** Claude Code sets up its channel listener just after the handshake; pushes wait this long after it. */
    static final long SETTLE_MILLIS = 2000;

    private final ChannelMode mode;
    private final ChannelPermissions permissions;
    private volatile boolean declared;
    private volatile long readySince;
    private volatile String clientName;

    @Inject
    public ClaudeChannel(TelegramConfig config, ChannelPermissions permissions) {
        this.mode = ChannelMode.parse(config.channel());
        this.permissions = permissions;
        if (mode.problem() != null) {
            LOG.warn(mode.problem());
        }
    }

    /** True when TELEGRAM_CHANNEL is on. */
    public boolean enabled() {
        return mode.on();
    }

    /**
     * True once the client was told, in the initialize result, that this server is a channel, finished the handshake,
     * and had a moment to start listening.
     */
    public boolean ready() {
        if (!declared || StdioGuard.installed().map(g -> !g.clientInitialized()).orElse(true)) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (readySince == 0) {
            readySince = now;
        }
        return now - readySince >= SETTLE_MILLIS;
    }

    @Override
    public void onInitializeRequest(JsonNode params) {
        clientName = params.path("clientInfo").path("name").asText("");
    }

    @Override
    public void amendInitializeResult(ObjectNode result) {
        if (!mode.on()) {
            return;
        }
        if (!CLAUDE_CODE.equals(clientName)) {
            // Another client would drop the pushes, and a pushed message counts as delivered: keep them for waits.
            LOG.infof("TELEGRAM_CHANNEL is on, but the client is '%s', not Claude Code: no channel; the owner's"
                    + " messages wait for telegram_wait_reply as usual", clientName);
            return;
        }
        ObjectNode capabilities = result.with("capabilities");
        capabilities.with("experimental").set(CAPABILITY, JsonNodeFactory.instance.objectNode());
        capabilities.with("experimental").set(PERMISSION_CAPABILITY, JsonNodeFactory.instance.objectNode());
        JsonNode given = result.get("instructions");
        result.put("instructions", given == null || given.asText().isBlank() ? INSTRUCTIONS
                : given.asText() + "\n\n" + INSTRUCTIONS);
        declared = true;
        LOG.info("Declared the Claude Code channel capability: the owner's messages are pushed while no wait runs");
    }

    @Override
    public boolean onClientNotification(String method, JsonNode params) {
        if (!declared || !PERMISSION_REQUEST.equals(method)) {
            return false;
        }
        // The reader thread must not wait for the owner: the prompt runs elsewhere and answers when it ends.
        permissions.ask(params, verdict -> answer(params.path("request_id").asText(), verdict));
        return true;
    }

    /** Sends the owner's verdict on a relayed permission request ({@code allow} or {@code deny}). */
    private void answer(String requestId, String behavior) {
        StdioGuard.installed().ifPresent(guard -> guard.notifyClient(PERMISSION, JsonNodeFactory.instance.objectNode()
                .put("request_id", requestId).put("behavior", behavior)));
        LOG.infof("Answered Claude Code's permission request %s through the channel: %s", requestId, behavior);
    }

    /**
     * Writes one channel notification; false when there is no stdio connection to write to (nothing was sent).
     *
     * @param content the owner's message as the model should read it
     * @param chatId the Telegram chat it came from
     * @param messageId its Telegram message id, if any
     * @param sentAt when the owner sent it
     */
    public boolean push(String content, long chatId, Long messageId, Instant sentAt) {
        Optional<StdioGuard> guard = StdioGuard.installed();
        if (guard.isEmpty() || !ready()) {
            return false;
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode().put("content", content);
        // Claude Code turns meta into attributes of the <channel> tag: keys of letters, digits and _ only.
        ObjectNode meta = params.putObject("meta").put("chat_id", Long.toString(chatId)).put("user", "owner")
                .put("ts", sentAt.toString());
        if (messageId != null) {
            meta.put("message_id", Long.toString(messageId));
        }
        guard.get().notifyClient(METHOD, params);
        return true;
    }
}
