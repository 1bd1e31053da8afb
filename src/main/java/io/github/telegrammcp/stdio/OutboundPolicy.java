package io.github.telegrammcp.stdio;

import java.io.IOException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Decides what happens to each line the extension writes: the answer to a request the client cancelled is dropped
 * (MCP: the receiver should not answer after {@code notifications/cancelled}); the {@code initialize} result is
 * noted (notifications reach the extension only after it) and offered to the {@link StdioHook}s; everything else goes
 * out unchanged. A line is only looked into while one of those is pending.
 */
final class OutboundPolicy {

    private static final Logger LOG = Logger.getLogger(OutboundPolicy.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final StdoutWriter out;
    private final ConnectionState state;
    private final Hooks hooks;

    OutboundPolicy(StdoutWriter out, ConnectionState state, Hooks hooks) {
        this.out = out;
        this.state = state;
        this.hooks = hooks;
    }

    void write(String line) {
        try {
            line = filter(line);
        } catch (RuntimeException e) {
            LOG.errorf(e, "The stdio guard failed on an outgoing message, which is sent unchanged");
        }
        if (line != null) {
            out.writeLine(line);
        }
    }

    /** The line to send, or null to send nothing. */
    private String filter(String line) {
        if (state.watchesOutbound()) {
            Head head = Head.of(line);
            if (head != null && head.response && head.id != null) {
                Runnable undo = state.answering(head.id);
                if (state.takeCancelled(head.id)) {
                    LOG.infof("Dropped the answer to request %s: the client cancelled it", head.id.json());
                    if (undo != null) {
                        undo.run();
                    }
                    return null;
                }
                if (state.initializeAnswered(head.id, head.result) && head.result) {
                    return hooks.amendInitializeResult(line);
                }
            }
        }
        return line;
    }

    /** The id of a line and whether it is an answer, read from the top level only, stopping as soon as both are known. */
    record Head(RpcId id, boolean response, boolean result) {

        static Head of(String line) {
            try (JsonParser p = JSON.createParser(line)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                RpcId id = null;
                boolean idSeen = false;
                Boolean result = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "id" -> {
                            idSeen = true;
                            id = switch (value) {
                                case VALUE_STRING -> RpcId.ofString(p.getText());
                                case VALUE_NUMBER_INT -> RpcId.ofInteger(p.getText());
                                case VALUE_NUMBER_FLOAT -> RpcId.ofDecimal(p.getText());
                                default -> null;
                            };
                        }
                        case "result" -> result = true;
                        case "error" -> result = false;
                        case "method" -> {
                            return new Head(null, false, false);
                        }
                        default -> {
                            // not needed
                        }
                    }
                    if (idSeen && result != null) {
                        break;
                    }
                    p.skipChildren();
                }
                return new Head(id, result != null, Boolean.TRUE.equals(result));
            } catch (IOException e) {
                return null;
            }
        }
    }
}
