package io.github.telegrammcp.inbox;

/** How a wait ended. */
public sealed interface WaitOutcome {

    /** The owner's message, now marked delivered. */
    record Delivered(InboxMessage message) implements WaitOutcome {
    }

    /** Nothing arrived before the deadline; the queue is untouched. */
    record TimedOut(long waitedSeconds) implements WaitOutcome {
    }

    /** The client cancelled the call; the queue is untouched. */
    record Cancelled(String reason) implements WaitOutcome {
    }
}
