package io.github.telegrammcp.bot;

import java.util.List;
import java.util.Optional;

import io.github.telegrammcp.session.AgentSession;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.SentMessage;

/** {@link RoutingView} over the state store; use inside the poller's transaction. */
final class StoreRoutingView implements RoutingView {

    private final SessionRegistry registry;

    StoreRoutingView(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<SessionRef> sessionForReply(long chatId, long messageId) {
        SentMessage sent = SentMessage.findById(new SentMessage.Key(chatId, messageId));
        if (sent == null) {
            return Optional.empty();
        }
        AgentSession session = AgentSession.findById(sent.sessionId);
        return Optional.ofNullable(session).map(StoreRoutingView::ref);
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
        PollState state = PollState.findById(PollState.SINGLETON);
        if (state == null || state.lockedSession == null) {
            return Optional.empty();
        }
        return liveByName(state.lockedSession);
    }

    static SessionRef ref(AgentSession s) {
        return new SessionRef(s.id, s.name, s.live());
    }
}
