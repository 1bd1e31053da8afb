package io.github.telegrammcp.inbox;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * A signal a wait can sleep on without holding a thread: {@link #next} parks an emitter until {@link #signal} (or a
 * timeout), and completes at once when a signal came since the last one was taken. The flag stays set when a signal
 * completes a parked emitter too, so a signal that meets an emitter being cancelled (its timeout firing) is not lost;
 * the next {@code next} then comes back at once. {@link #clear} forgets a signal that an action about to start makes
 * moot (a claim that will see the stored message anyway).
 */
final class Signal {

    private boolean signalled;
    private UniEmitter<? super Boolean> parked;

    /**
     * Emits {@code true} at the first signal (at once if one is pending, which it takes), or {@code false} after
     * {@code timeout}.
     */
    Uni<Boolean> next(Duration timeout) {
        return Uni.createFrom().<Boolean> emitter(this::arm).ifNoItem().after(timeout).recoverWithItem(Boolean.FALSE);
    }

    /** Wakes the parked emitter, if any, and leaves the signal pending for the next {@link #next}. */
    void signal() {
        UniEmitter<? super Boolean> waking;
        synchronized (this) {
            signalled = true;
            waking = parked;
            parked = null;
        }
        if (waking != null) {
            waking.complete(Boolean.TRUE); // outside the lock: the emitter's subscriber runs on this thread
        }
    }

    /** Forgets a pending signal. */
    synchronized void clear() {
        signalled = false;
    }

    private void arm(UniEmitter<? super Boolean> emitter) {
        boolean now;
        UniEmitter<? super Boolean> superseded = null;
        synchronized (this) {
            now = signalled;
            if (now) {
                signalled = false;
            } else {
                superseded = parked;
                parked = emitter;
                emitter.onTermination(() -> disarm(emitter));
            }
        }
        if (now) {
            emitter.complete(Boolean.TRUE);
        }
        if (superseded != null) {
            superseded.complete(Boolean.FALSE); // one sleeper at a time: an earlier one ends now rather than never
        }
    }

    private synchronized void disarm(UniEmitter<? super Boolean> emitter) {
        if (parked == emitter) {
            parked = null;
        }
    }
}
