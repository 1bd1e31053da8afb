package io.github.telegrammcp.mcp;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkiverse.mcp.server.Cancellation;

/** Lets tests in other packages call the (package-private) tool methods as the MCP layer would. */
@ApplicationScoped
public class McpTestAccess {

    @Inject
    WaitTools waitTools;

    @Inject
    NotifyTools notifyTools;

    public String waitReply(int maxWait) {
        return waitTools.waitReply(maxWait, ToolsThroughFakeTest.noProgress(), notCancelled(), null).await()
                .atMost(java.time.Duration.ofSeconds(maxWait + 10L));
    }

    public String unattended(int maxWait) {
        return waitTools.unattendedMode("testing", maxWait, ToolsThroughFakeTest.noProgress(), notCancelled(), null).await()
                .atMost(java.time.Duration.ofSeconds(maxWait + 10L));
    }

    public String notifyWithActions(String event, String summary, List<ActionButton> actions) {
        return notifyTools.notifyWithActions(event, summary, null, actions);
    }

    static Cancellation notCancelled() {
        return () -> new Cancellation.Result(false, Optional.empty());
    }
}
