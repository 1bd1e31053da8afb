package io.github.telegrammcp.bot;

import java.util.List;
import java.util.Optional;

import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.Tx;
import io.github.telegrammcp.topics.TopicStore;

/** {@link RoutingView} over the state store, reading in the poller's transaction. */
final class StoreRoutingView implements RoutingView {

    private final SessionRegistry registry;
    private final Tx tx;
    private final boolean topics;

    StoreRoutingView(SessionRegistry registry, Tx tx) {
        this(registry, tx, false);
    }

    /** {@code topics}: whether messages in a session's topic go to that session (TELEGRAM_TOPICS is not off). */
    StoreRoutingView(SessionRegistry registry, Tx tx, boolean topics) {
        this.registry = registry;
        this.tx = tx;
        this.topics = topics;
    }

    @Override
    public Optional<SessionRef> sessionForTopic(long chatId, long threadId) {
        if (!topics) {
            return Optional.empty();
        }
        // Live only if the session now using the name works in the same directory: same name elsewhere is another.
        return TopicStore.byThread(tx, chatId, threadId).map(topic -> registry.liveByName(topic.sessionName())
                .filter(s -> s.projectDir.equals(topic.projectDir())).map(StoreRoutingView::ref)
                .orElse(new SessionRef(null, topic.sessionName(), false)));
    }

    @Override
    public Optional<SessionRef> sessionForReply(long chatId, long messageId) {
        return tx.first("SELECT session_id FROM sent_message WHERE chat_id = ? AND message_id = ?",
                rs -> rs.getString(1), chatId, messageId).flatMap(id -> SessionRegistry.find(tx, id))
                .map(StoreRoutingView::ref);
    }

    @Override
    public List<SessionRef> liveSessions() {
        return registry.liveSessions().stream().map(StoreRoutingView::ref).toList();
    }

    @Override
    public Optional<SessionRef> liveByName(String name) {
        return registry.liveByName(name).map(StoreRoutingView::ref);
    }

    @Override
    public Optional<SessionRef> lockedSession() {
        return lockedName(tx).flatMap(this::liveByName);
    }

    /** The session name plain messages are locked to by /keep, if any (live or not). */
    static Optional<String> lockedName(Tx tx) {
        return tx.first("SELECT locked_session FROM poll_state WHERE id = ?", rs -> rs.getString(1),
                PollState.SINGLETON);
    }

    static SessionRef ref(AgentSession s) {
        return new SessionRef(s.id, s.name, s.live());
    }
}
