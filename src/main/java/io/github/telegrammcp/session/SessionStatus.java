package io.github.telegrammcp.session;

/** What a session is doing, as shown to the owner. */
public enum SessionStatus {
    /** Working: the assistant is between tool calls. */
    RUNNING,
    /** Inside a waiting tool, ready for the owner's next message. */
    WAITING,
    /** Its process has exited or stopped sending heartbeats. */
    GONE
}
