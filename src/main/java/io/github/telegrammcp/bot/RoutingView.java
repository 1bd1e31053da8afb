package io.github.telegrammcp.bot;

import java.util.List;
import java.util.Optional;

/** What the router may ask about the state store. */
public interface RoutingView {

    /** The session that sent this bot message, if the bot recorded it. */
    Optional<SessionRef> sessionForReply(long chatId, long messageId);

    /** Live sessions, oldest first. */
    List<SessionRef> liveSessions();

    /** The live session with this name (case-insensitive). */
    Optional<SessionRef> liveByName(String name);

    /** The session plain messages are locked to by /keep, if it still lives. */
    Optional<SessionRef> lockedSession();
}
