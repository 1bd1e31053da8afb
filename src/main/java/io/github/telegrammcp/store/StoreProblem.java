package io.github.telegrammcp.store;

/**
 * A state-store failure in words for the person and the model.
 *
 * @param kind what sort of failure it is
 * @param what what went wrong, e.g. "the disk that holds the state directory /x is full (0 KB free)"
 * @param advice what the person or the model can do about it (one or two sentences)
 */
public record StoreProblem(Kind kind, String what, String advice) {

    /** What sort of failure it is, and so whose move it is. */
    public enum Kind {
        /** The disk or directory that holds the database: full, read-only, gone. Somebody must free or fix it. */
        DISK,
        /**
         * The database host is changing hands or cannot be reached just now (a connection broken, the file still locked
         * by the host that ended, a lock timeout while another process takes over). It passes by itself: call again.
         */
        HOST_CHANGE,
        /** The store did not answer in time (a call that hangs, which a host change causes too). Call again. */
        UNANSWERED,
        /** Anything else: the database's own reason. */
        OTHER;

        /** True when the failure passes by itself and the same call can simply be made again. */
        public boolean passes() {
            return this == HOST_CHANGE || this == UNANSWERED;
        }
    }

    /** The problem and the advice in one text, for a tool error or a log line. */
    public String sentence() {
        return what + ". " + advice;
    }
}
