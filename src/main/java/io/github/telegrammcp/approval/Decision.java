package io.github.telegrammcp.approval;

/**
 * The answer to a permission prompt.
 *
 * @param verdict how it ended
 * @param remembered true when "Allow for this session" was given earlier for the same request, so nobody was asked
 * @param grants what the client should add for the rest of the session (empty unless {@link Verdict#ALLOW_SESSION})
 */
public record Decision(Verdict verdict, boolean remembered, SessionGrants grants) {

    /** The text a denied tool call gets: the model reads it. */
    public static final String DENIED = "The owner denied this in Telegram. Do not retry it; ask the owner (for example"
            + " with telegram_notify and telegram_wait_reply) if you need it or another way.";

    public Decision {
        grants = grants == null ? SessionGrants.none() : grants;
    }

    /** A decision without grants. */
    public static Decision of(Verdict verdict) {
        return new Decision(verdict, false, SessionGrants.none());
    }
}
