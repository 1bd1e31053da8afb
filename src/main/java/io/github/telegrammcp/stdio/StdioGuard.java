package io.github.telegrammcp.stdio;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one guard between stdin/stdout and the MCP stdio extension. Extension 1.10.1 reads {@code System.in} line by
 * line and stops reading for good after a line it cannot parse, and it answers notifications it does not know; it
 * writes each message with {@code println} to the {@code System.out} it finds at start-up. {@link #install()} (called
 * by {@code Main} before Quarkus starts) puts a filtered input in {@code System.in} and a filtered output in
 * {@code System.out}, so that the extension only ever sees lines it can handle and the client only gets answers it
 * may get. The rules are in {@link InboundPolicy} and {@link OutboundPolicy}; {@link StdioHook} is where features the
 * extension lacks (Claude Code channels) plug in.
 */
public final class StdioGuard {

    /**
     * Longest stdin line accepted: 16 MiB. A valid 10 MB call fits; and a line within it can never hold a string
     * longer than the 20,000,000 characters the extension's JSON decoder accepts, so the extension can parse every
     * line that passes here.
     */
    public static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static volatile StdioGuard installed;

    private final StdoutWriter out;
    private final ConnectionState state = new ConnectionState();
    private final Hooks hooks;
    private final InputStream input;
    private final PrintStream output;

    StdioGuard(InputStream rawIn, OutputStream rawOut, Supplier<List<StdioHook>> hookLookup, int maxLineBytes) {
        this.out = new StdoutWriter(rawOut);
        this.hooks = new Hooks(hookLookup);
        this.input = new GuardedInput(new LineReader(rawIn, maxLineBytes),
                new InboundPolicy(out, state, hooks, maxLineBytes));
        this.output = new GuardedOutput(new OutboundPolicy(out, state, hooks));
    }

    /** Puts the guard in place of {@code System.in} and {@code System.out}; call before the extension starts. */
    public static synchronized void install() {
        if (installed != null) {
            return;
        }
        // Buffered so that a line and its LF leave in one write (the writer flushes after each line).
        StdioGuard guard = new StdioGuard(new FileInputStream(FileDescriptor.in),
                new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192), CdiHooks::lookup, MAX_LINE_BYTES);
        System.setIn(guard.input);
        System.setOut(guard.output);
        installed = guard;
    }

    /** The installed guard; empty in tests that run without stdio, and in the command-line modes. */
    public static Optional<StdioGuard> installed() {
        return Optional.ofNullable(installed);
    }

    /**
     * True once the client completed the handshake ({@code notifications/initialized} after a successful
     * {@code initialize}): from then on it listens to notifications.
     */
    public boolean clientInitialized() {
        return state.clientInitialized();
    }

    /** Sends a notification to the client (for features the extension has no API for, such as channels). */
    public void notifyClient(String method, JsonNode params) {
        ObjectNode message = Json.mapper().createObjectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            message.set("params", params);
        }
        out.writeLine(message.toString());
    }

    /**
     * Whether the client cancelled the request with this id. The guard knows it as soon as the line arrives; the
     * extension may learn it later, or not at all when the cancellation overtakes the request on its worker threads.
     *
     * @param requestId the request's id as the extension gives it (a string or a number)
     */
    public boolean cancelled(Object requestId) {
        return state.isCancelled(id(requestId));
    }

    /**
     * Runs {@code listener} (on the thread that reads stdin, so briefly) when the client cancels the request with this
     * id, at once if it already has; lets a wait end without looking at a flag every second.
     *
     * @return what forgets the listener (call it when the request ends another way)
     */
    public Runnable onCancel(Object requestId, Runnable listener) {
        return state.onCancel(id(requestId), listener);
    }

    /**
     * Runs {@code undo} if the answer to this request is dropped because the client cancelled it meanwhile (for a
     * wait: the owner's message it carried goes back to the queue). Call it before the answer is written.
     */
    public void onAnswerDropped(Object requestId, Runnable undo) {
        state.onAnswerDropped(id(requestId), undo);
    }

    static RpcId id(Object value) {
        if (value instanceof String text) {
            return RpcId.ofString(text);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof java.math.BigInteger) {
            return RpcId.ofInteger(value.toString());
        }
        if (value instanceof Number number) {
            return RpcId.ofDecimal(Double.toString(number.doubleValue()));
        }
        throw new IllegalArgumentException("a request id is a string or a number, not " + value);
    }

    /** What the extension reads. */
    InputStream input() {
        return input;
    }

    /** What the extension writes to. */
    PrintStream output() {
        return output;
    }
}
