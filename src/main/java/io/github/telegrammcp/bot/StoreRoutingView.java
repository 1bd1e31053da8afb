package io.github.telegrammcp.bot;

import java.util.List;
import java.util.Optional;

import io.github.telegrammcp.outgoing.SentMessage;
import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.store.PollState;

/** {@link RoutingView} over the state store, reading in the caller's (the poller's) transaction. */
final class StoreRoutingView implements RoutingView {

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
