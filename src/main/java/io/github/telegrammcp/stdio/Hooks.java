package io.github.telegrammcp.stdio;

import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Calls the {@link StdioHook}s, found once on first use; parses a line into a tree only when a hook is there. */
final class Hooks {

    private static final Logger LOG = Logger.getLogger(Hooks.class);

    private final Supplier<List<StdioHook>> lookup;
    private volatile List<StdioHook> found;

    /** {@code lookup} returns null while the hooks cannot be known yet (CDI not started): it is asked again later. */
    Hooks(Supplier<List<StdioHook>> lookup) {
        this.lookup = lookup;
    }

    private List<StdioHook> all() {
        List<StdioHook> hooks = found;
        if (hooks == null) {
            hooks = lookup.get();
            if (hooks == null) {
                return List.of();
            }
            found = hooks;
        }
        return hooks;
    }

    /** The initialize answer {@code line} as the hooks amend it (unchanged without hooks). */
    String amendInitializeResult(String line) {
        List<StdioHook> hooks = all();
        if (hooks.isEmpty()) {
            return line;
        }
        try {
            ObjectMapper json = Json.mapper();
            JsonNode message = json.readTree(line);
            if (message.get("result") instanceof ObjectNode result) {
                for (StdioHook hook : hooks) {
                    hook.amendInitializeResult(result);
                }
                return json.writeValueAsString(message);
            }
        } catch (Exception e) {
            LOG.errorf(e, "A stdio hook failed on the initialize result; it is sent unchanged");
        }
        return line;
    }

    /** Shows the client's initialize request to the hooks (parsed only when there are some). */
    void initializeRequest(LineClassifier.Source line) {
        List<StdioHook> hooks = all();
        if (hooks.isEmpty()) {
            return;
        }
        try (InputStream in = line.open()) {
            JsonNode params = Json.mapper().readTree(in).get("params");
            JsonNode given = params == null || params.isNull() ? Json.mapper().createObjectNode() : params;
            for (StdioHook hook : hooks) {
                hook.onInitializeRequest(given);
            }
        } catch (Exception e) {
            LOG.errorf(e, "A stdio hook failed on the initialize request");
        }
    }

    /** Offers a notification the extension does not handle to the hooks; true if one took it. */
    boolean clientNotification(String method, LineClassifier.Source line) {
        List<StdioHook> hooks = all();
        if (hooks.isEmpty()) {
            return false;
        }
        try (InputStream in = line.open()) {
            JsonNode params = Json.mapper().readTree(in).get("params");
            JsonNode given = params == null || params.isNull() ? Json.mapper().createObjectNode() : params;
            for (StdioHook hook : hooks) {
                if (hook.onClientNotification(method, given)) {
                    return true;
                }
            }
        } catch (Exception e) {
            LOG.errorf(e, "A stdio hook failed on the notification %s", method);
        }
        return false;
    }
}
