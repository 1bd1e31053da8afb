package io.github.telegrammcp.stdio;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.config.BotToken;

/**
 * Decides what happens to each stdin line. A line that is not exactly one JSON value (or is over the size limit) is
 * answered here with a parse error and never reaches the extension, whose reading loop would stop for good after it.
 * A JSON value the extension would leave unanswered or answer wrongly is answered here too. A notification is never
 * answered: the extension gets only those it handles silently, the {@link StdioHook}s get the others, and what is
 * left is logged and dropped. Everything else goes to the extension unchanged, in order.
 */
final class InboundPolicy {

    private static final Logger LOG = Logger.getLogger(InboundPolicy.class);

    /** Where an accepted line goes, in pieces that stay valid until the next line is read; {@link #end()} ends it. */
    interface Forward {
        void piece(byte[] bytes, int offset, int length);

        void end();
    }

    private final StdoutWriter out;
    private final ConnectionState state;
    private final Hooks hooks;
    private final int maxLineBytes;

    InboundPolicy(StdoutWriter out, ConnectionState state, Hooks hooks, int maxLineBytes) {
        this.out = out;
        this.state = state;
        this.hooks = hooks;
        this.maxLineBytes = maxLineBytes;
    }

    void accept(LineReader line, Forward forward) {
        byte[] head = line.head();
        int headLength = line.headLength();
        if (line.tooLong()) {
            refuse(head, headLength, line.totalLength(), Classified.notJson("the line is " + line.totalLength()
                    + " bytes, over the limit of " + maxLineBytes + " bytes; send large content as a file path"));
            return;
        }
        if (line.truncated()) {
            int first = line.firstByte();
            String shown = first >= 0x21 && first < 0x7F ? "'" + (char) first + "'" : String.format("byte 0x%02x", first);
            refuse(head, headLength, line.totalLength(), Classified.notJson("not valid JSON: it starts with " + shown
                    + ", and a message starts with {"));
            return;
        }
        // A byte-order mark: the extension's decoder would keep it as a character and then fail to parse.
        boolean mark = headLength >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
        int from = mark ? 3 : 0;
        int to = line.length();
        LineClassifier.Source source = () -> line.open(from, to);
        Classified message = LineClassifier.classify(source, head, from, headLength - from, to <= LineReader.BLOCK);
        Runnable pass = () -> {
            line.pieces(from, line.withoutCarriageReturns(from), forward);
            forward.end();
        };
        handle(message, source, head, headLength, line.totalLength(), pass, forward);
    }

    /** The guard itself failed on a line: say so to the client and in the log, and carry on with the next line. */
    void failed(LineReader line, RuntimeException e) {
        LOG.errorf(e, "The stdio guard failed on a line, which is dropped: %s",
                LinePreview.of(line.head(), line.headLength(), line.totalLength()));
        out.writeLine(Json.error(null, -32603, "Internal error: the server could not read this line; send it again"));
    }

    /**
     * Acts on one classified message: {@code pass} hands it to the extension; {@code head} and {@code headLength} are
     * for the log.
     */
    private void handle(Classified message, LineClassifier.Source source, byte[] head, int headLength, long total,
            Runnable pass, Forward forward) {
        switch (message.kind()) {
            case NOT_JSON, INVALID -> refuse(head, headLength, total, message);
            case REQUEST -> {
                if (message.id() != null) {
                    state.forgetCancel(message.id());
                    if ("initialize".equals(message.method())) {
                        state.initializeRequested(message.id());
                        hooks.initializeRequest(source);
                    }
                }
                pass.run();
            }
            case RESPONSE -> pass.run();
            case NOTIFICATION -> notification(message, source, pass);
            case BATCH -> batch(source, head, headLength, total, forward);
        }
    }

    private void notification(Classified message, LineClassifier.Source source, Runnable pass) {
        String method = message.method();
        if (!message.jsonrpcOk() || message.problem() != null) {
            LOG.infof("Dropped the notification %s: %s", shortMethod(method),
                    message.problem() != null ? message.problem() : "\"jsonrpc\" is not \"2.0\"");
            return;
        }
        boolean toExtension;
        switch (method) {
            case "notifications/cancelled" -> {
                if (message.cancelledId() != null) {
                    state.cancel(message.cancelledId());
                }
                toExtension = state.open();
            }
            case "notifications/initialized" -> toExtension = state.firstInitialized();
            case "notifications/roots/list_changed" -> toExtension = state.open();
            default -> {
                if (!hooks.clientNotification(method, source)) {
                    LOG.infof("Dropped the client notification %s: nothing here handles it", shortMethod(method));
                }
                return;
            }
        }
        if (toExtension) {
            pass.run();
        } else {
            // Before initialize, or a repeated notifications/initialized: the extension would answer with an error.
            LOG.debugf("Dropped the notification %s: not expected at this point of the connection", method);
        }
    }

    /** A batch goes to the extension element by element, each judged like a line of its own. */
    private void batch(LineClassifier.Source source, byte[] head, int headLength, long total, Forward forward) {
        JsonNode batch;
        try (InputStream in = source.open()) {
            batch = Json.mapper().readTree(in);
        } catch (Exception e) {
            refuse(head, headLength, total, Classified.notJson("unreadable batch: " + e.getMessage()));
            return;
        }
        if (batch.isEmpty()) {
            refuse(head, headLength, total, Classified.invalid(Classified.INVALID_REQUEST, null, "the batch is empty"));
            return;
        }
        int index = 0;
        for (JsonNode element : batch) {
            if (!element.isObject()) {
                refuse(head, headLength, total, Classified.invalid(Classified.INVALID_REQUEST, null,
                        "batch element " + index + " is not a JSON object"));
            } else {
                byte[] one;
                try {
                    one = Json.mapper().writeValueAsBytes(element);
                } catch (Exception e) {
                    throw new IllegalStateException("a parsed JSON object cannot be written back", e);
                }
                // Written by Jackson: no CR, no byte-order mark.
                Runnable pass = () -> {
                    forward.piece(one, 0, one.length);
                    forward.end();
                };
                handle(LineClassifier.classify(one, 0, one.length), () -> new ByteArrayInputStream(one), one,
                        one.length, one.length, pass, forward);
            }
            index++;
        }
    }

    private void refuse(byte[] bytes, int length, long total, Classified message) {
        String prefix = switch (message.errorCode()) {
            case Classified.PARSE_ERROR -> "Parse error: ";
            case Classified.INVALID_PARAMS -> "Invalid params: ";
            default -> "Invalid Request: ";
        };
        String problem = BotToken.maskAll(message.problem());
        LOG.warnf("Answered a stdin line with %d (%s): %s", message.errorCode(), problem,
                LinePreview.of(bytes, length, total));
        out.writeLine(Json.error(message.id() == null ? null : message.id().json(), message.errorCode(),
                prefix + problem));
    }

    private static String shortMethod(String method) {
        String shown = method == null ? "(none)" : method.length() > 100 ? method.substring(0, 100) + "…" : method;
        return BotToken.maskAll(shown);
    }
}
