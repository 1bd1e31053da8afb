package io.github.telegrammcp.inbox;

import io.github.telegrammcp.store.StoreProblem;

/** How a wait ended. */
public sealed interface WaitOutcome {

    /** The owner's message, now marked delivered. */
    record Delivered(InboxMessage message) implements WaitOutcome {
    }

    /**
     * Nothing arrived before the deadline; the queue is untouched. {@code storeProblem} says why the inbox could not
     * be read during the wait, when that was the case (else null).
     */
    record TimedOut(long waitedSeconds, StoreProblem storeProblem) implements WaitOutcome {

        public TimedOut(long waitedSeconds) {
            this(waitedSeconds, null);
        }
    }

    /** The client cancelled the call; the queue is untouched. */
    record Cancelled(String reason) implements WaitOutcome {
    }
}
