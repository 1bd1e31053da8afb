package io.github.telegrammcp.stdio;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the guard remembers between lines: whether {@code initialize} succeeded (before that the extension answers
 * every notification with an error), and which requests the client cancelled (their answers are not sent).
 */
final class ConnectionState {

    /** Cancellations remembered at most; the oldest goes first (a request's answer normally follows within seconds). */
    static final int MAX_CANCELLED = 1000;

    private volatile RpcId pendingInitialize;
    private volatile boolean open;
    private volatile boolean initializedForwarded;
    private final LinkedHashSet<String> cancelled = new LinkedHashSet<>();
    private volatile boolean anyCancelled;
    private final Map<String, Runnable> onDrop = new ConcurrentHashMap<>();
    private final Map<String, Runnable> onCancel = new ConcurrentHashMap<>();

    /** Whether outbound lines need a look: an initialize answer is awaited, or a cancelled request may be answered. */
    boolean watchesOutbound() {
        return pendingInitialize != null || anyCancelled || !onDrop.isEmpty();
    }

    void initializeRequested(RpcId id) {
        pendingInitialize = id;
    }

    /** Whether {@code id} is the pending initialize request; its answer opens the connection if it is a result. */
    boolean initializeAnswered(RpcId id, boolean success) {
        RpcId pending = pendingInitialize;
        if (pending == null || !pending.equals(id)) {
            return false;
        }
        pendingInitialize = null;
        open |= success;
        return true;
    }

    /** Whether the extension has accepted {@code initialize} (so it takes notifications without answering). */
    boolean open() {
        return open;
    }

    /** True once the client sent {@code notifications/initialized} after a successful initialize. */
    boolean clientInitialized() {
        return initializedForwarded;
    }

    /** True only for the first {@code notifications/initialized} after a successful initialize. */
    synchronized boolean firstInitialized() {
        if (!open || initializedForwarded) {
            return false;
        }
        initializedForwarded = true;
        return true;
    }

    void cancel(RpcId id) {
        synchronized (this) {
            cancelled.add(id.key());
            if (cancelled.size() > MAX_CANCELLED) {
                Iterator<String> oldest = cancelled.iterator();
                oldest.next();
                oldest.remove();
            }
            anyCancelled = true;
        }
        Runnable listener = onCancel.remove(id.key());
        if (listener != null) {
            listener.run();
        }
    }

    /**
     * Runs {@code listener} once when the client cancels {@code id} (at once if it already has); the returned action
     * forgets it.
     */
    Runnable onCancel(RpcId id, Runnable listener) {
        String key = id.key();
        onCancel.put(key, listener);
        if (isCancelled(id) && onCancel.remove(key, listener)) {
            listener.run();
        }
        return () -> onCancel.remove(key, listener);
    }

    /** A new request reuses {@code id}: its answer must go out. */
    synchronized void forgetCancel(RpcId id) {
        if (anyCancelled && cancelled.remove(id.key())) {
            anyCancelled = !cancelled.isEmpty();
        }
    }

    /** Whether the client cancelled {@code id} and its answer has not been dropped yet. */
    synchronized boolean isCancelled(RpcId id) {
        return anyCancelled && cancelled.contains(id.key());
    }

    /** Runs {@code undo} if the answer to {@code id} is dropped; forgotten when the answer goes out. */
    void onAnswerDropped(RpcId id, Runnable undo) {
        onDrop.put(id.key(), undo);
    }

    /** The answer to {@code id} is on its way: what to undo if it is dropped (null if nothing). */
    Runnable answering(RpcId id) {
        return onDrop.isEmpty() ? null : onDrop.remove(id.key());
    }

    /** Whether the answer to {@code id} must be dropped (once: the cancellation is used up). */
    synchronized boolean takeCancelled(RpcId id) {
        if (!anyCancelled || !cancelled.remove(id.key())) {
            return false;
        }
        anyCancelled = !cancelled.isEmpty();
        return true;
    }
}
