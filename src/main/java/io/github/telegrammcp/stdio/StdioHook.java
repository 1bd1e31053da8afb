package io.github.telegrammcp.stdio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The seam for what MCP extension 1.10.1 cannot do over stdio through its API: declare an {@code experimental}
 * capability in the {@code initialize} result, and receive client notifications it does not know (it answers those
 * with an error). Claude Code's channels need all of that ({@code "experimental": {"claude/channel": {}}},
 * {@code notifications/claude/channel/permission_request}); to send a custom notification, use
 * {@link StdioGuard#notifyClient}. Implement this as a CDI bean; the guard finds every such bean when it first needs
 * one. Both methods run on the threads that read and write stdin/stdout: keep them short and never block.
 */
public interface StdioHook {

    /**
     * Sees the params of the client's {@code initialize} request (its {@code clientInfo} and {@code capabilities})
     * before the extension does; called before {@link #amendInitializeResult}.
     */
    default void onInitializeRequest(JsonNode params) {
    }

    /** Amends the result of {@code initialize} before it reaches the client, e.g. adds to {@code capabilities}. */
    default void amendInitializeResult(ObjectNode result) {
    }

    /**
     * A client notification that the extension does not handle; return true if this hook took it. Notifications
     * nobody takes are logged and dropped, never answered.
     *
     * @param method the notification's method
     * @param params its params (an empty object when it had none)
     */
    default boolean onClientNotification(String method, JsonNode params) {
        return false;
    }
}
