package io.github.telegrammcp.bot;

import java.util.List;
import java.util.Optional;

import io.github.telegrammcp.outgoing.SentMessage;
import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.store.PollState;
import io.github.telegrammcp.topics.SessionTopic;

/** {@link RoutingView} over the state store, reading in the caller's (the poller's) transaction. */
final class StoreRoutingView implements RoutingView {

    @Override
    public Optional<SessionRef> sessionForTopic(long chatId, long threadId) {
        // Live only if the session now using the name works in the same directory: same name elsewhere is another.
        return SessionTopic.byThread(chatId, threadId).map(topic -> AgentSession.liveByName(topic.sessionName)
                .filter(s -> s.projectDir.equals(topic.projectDir)).map(StoreRoutingView::ref)
                .orElse(new SessionRef(null, topic.sessionName, false)));
    }

    @Override
    public Optional<SessionRef> sessionForReply(long chatId, long messageId) {
        return SentMessage.sessionFor(chatId, messageId).flatMap(AgentSession::byId).map(StoreRoutingView::ref);
    }

    @Override
    public List<SessionRef> liveSessions() {
        return AgentSession.liveOnes().stream().map(StoreRoutingView::ref).toList();
    }

    @Override
    public Optional<SessionRef> liveByName(String name) {
        return AgentSession.liveByName(name).map(StoreRoutingView::ref);
    }

    @Override
    public Optional<SessionRef> lockedSession() {
        return PollState.lockedSession().flatMap(this::liveByName);
    }

    static SessionRef ref(AgentSession s) {
        return new SessionRef(s.id, s.name, s.live());
    }
}
