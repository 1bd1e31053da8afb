package io.github.telegrammcp.mcp;

import java.time.Duration;
import java.util.concurrent.Flow.Processor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import io.github.telegrammcp.approval.ApprovalPrompt;
import io.github.telegrammcp.session.SessionWakeUp;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Wakes this process's permission prompts when the owner's answer was committed: here (this process polls Telegram)
 * or in the polling process, which passes the wake-up on over loopback. The store is re-read every
 * {@link #RECHECK} in any case, for a wake-up that got lost.
 */
@ApplicationScoped
class ApprovalWakes implements ApprovalPrompt.Wakes {

    /** The safety net: at most this long between a lost wake-up and the prompt reading the answer. */
    static final Duration RECHECK = Duration.ofSeconds(5);

    // Serialized: wake-ups arrive from the poller's thread and from the loopback listener at the same time.
    private final Processor<String, String> answered = BroadcastProcessor.<String> create().serialized();

    @Override
    public Multi<?> forSession(String sessionId) {
        return Multi.createFrom().publisher(answered).select().where(sessionId::equals);
    }

    @Override
    public Duration recheck() {
        return RECHECK;
    }

    void onWakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionWakeUp wakeUp) {
        if (wakeUp.what() == SessionWakeUp.What.APPROVAL) {
            answered.onNext(wakeUp.sessionId());
        }
    }
}
