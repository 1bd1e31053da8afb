package io.github.telegrammcp.bot;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.github.telegrammcp.approval.ApprovalMessage;
import io.github.telegrammcp.approval.ApprovalPresses;
import io.github.telegrammcp.approval.ApprovalRecord;
import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.session.SessionWakeUp;
import io.github.telegrammcp.telegram.api.CallbackQuery;

/** The buttons of permission prompts ({@code p:...}), pressed by the owner: see {@link ApprovalPresses}. */
@ApplicationScoped
public class ApprovalButtons {

    private final String host = ThisHost.name();
    private final Event<SessionWakeUp> wakeUps;

    public ApprovalButtons(Event<SessionWakeUp> wakeUps) {
        this.wakeUps = wakeUps;
    }

    /** True for the data of a permission prompt's button. */
    static boolean handles(CallbackQuery query) {
        return ApprovalMessage.isApproval(query.data());
    }

    /** Handles a press inside the poller's transaction; returns what to do in Telegram after the commit. */
    @Transactional(TxType.MANDATORY)
    List<Effect> press(CallbackQuery query) {
        ApprovalPresses.Outcome outcome = ApprovalPresses.press(ApprovalRecord.QUERIES, query.data(),
                query.from() == null ? 0 : query.from().id(), System.currentTimeMillis(), host, ThisHost::alive);
        if (outcome.decidedFor() != null) {
            // After the commit, the asking process (this one or another, over loopback) reads the answer at once.
            wakeUps.fire(SessionWakeUp.approval(outcome.decidedFor()));
        }
        List<Effect> effects = new ArrayList<>();
        effects.add(new Effect.AnswerPress(query.id(), outcome.note()));
        if (outcome.messageId() != null && outcome.chatId() != null && outcome.html() != null) {
            effects.add(new Effect.Edit(outcome.chatId(), outcome.messageId(), outcome.html()));
        }
        if (outcome.send() != null) {
            effects.add(new Effect.Send(outcome.send()));
        }
        return effects;
    }
}
