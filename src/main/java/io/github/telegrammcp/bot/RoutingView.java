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

    /**
     * The session whose topic this thread is (live or ended), if the bot made the topic for one; empty also when
     * topics are off. The default knows no topics.
     */
    default Optional<SessionRef> sessionForTopic(long chatId, long threadId) {
        return Optional.empty();
    }

    /** The session plain messages are locked to by /keep, if it still lives. */
    Optional<SessionRef> lockedSession();
}
