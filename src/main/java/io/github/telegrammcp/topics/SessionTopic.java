package io.github.telegrammcp.topics;

/**
 * The topic of a session name in a project directory, as stored. {@code threadId} is null when Telegram never made
 * one; {@code state} is {@link #OPEN}, {@link #CLOSED} or {@link #REFUSED}.
 */
public record SessionTopic(long id, long chatId, String sessionName, String projectDir, Long threadId, String state,
        String reason) {

    /** The session posts here. */
    public static final String OPEN = "open";
    /** Closed by /delete; reopened when the session comes back. */
    public static final String CLOSED = "closed";
    /** Telegram would not make it or post in it: the session writes in the main chat. */
    public static final String REFUSED = "refused";

    /** True when the session's messages go into this topic. */
    public boolean usable() {
        return OPEN.equals(state) && threadId != null;
    }
}
