package io.github.telegrammcp.session;

/**
 * Something was stored for a session: a message for its waits ({@link What#INBOX}), a command for its process
 * ({@link What#COMMAND}) or the owner's answer to one of its permission prompts ({@link What#APPROVAL}); or the poller
 * lease was freed ({@link What#LEASE}, no session). Fired as a CDI event inside
 * the transaction that stored it; observers act after the commit ({@code during = AFTER_SUCCESS}). The process that
 * stored it passes it on to the session's own process ({@link WakeChannel}), where it is fired again with
 * {@code fromElsewhere} set (and not passed on again).
 */
public record SessionWakeUp(String sessionId, What what, boolean fromElsewhere) {

    /** The PostgreSQL notification channel that carries {@link #line()}s between processes and machines. */
    public static final String DATABASE_CHANNEL = "telegram_mcp_wake";

    /** What was stored. */
    public enum What {
        INBOX, COMMAND, APPROVAL, LEASE
    }

    /** A message for the session's waits. */
    public static SessionWakeUp inbox(String sessionId) {
        return new SessionWakeUp(sessionId, What.INBOX, false);
    }

    /** A command for the session's process. */
    public static SessionWakeUp command(String sessionId) {
        return new SessionWakeUp(sessionId, What.COMMAND, false);
    }

    /** The owner answered a permission prompt of the session. */
    public static SessionWakeUp approval(String sessionId) {
        return new SessionWakeUp(sessionId, What.APPROVAL, false);
    }

    /** The poller lease is free: whoever wants it may take it now. */
    public static SessionWakeUp leaseFreed() {
        return new SessionWakeUp("", What.LEASE, false);
    }

    /** The line sent over loopback: {@code WHAT session-id}. */
    String line() {
        return what + " " + sessionId + "\n";
    }

    /** Parses {@link #line()}; null for anything else. */
    public static SessionWakeUp parse(String line) {
        String[] parts = line.strip().split(" ", 2);
        try {
            What what = What.valueOf(parts[0]);
            String id = parts.length > 1 ? parts[1].strip() : "";
            return id.length() <= 64 ? new SessionWakeUp(id, what, true) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
