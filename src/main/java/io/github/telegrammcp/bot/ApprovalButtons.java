package io.github.telegrammcp.bot;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.approval.ApprovalMessage;
import io.github.telegrammcp.approval.ApprovalPresses;
import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.store.Store;
import io.github.telegrammcp.store.StoreException;
import io.github.telegrammcp.telegram.api.CallbackQuery;

/** The buttons of permission prompts ({@code p:...}), pressed by the owner: see {@link ApprovalPresses}. */
@ApplicationScoped
public class ApprovalButtons {

    private final Store store;
    private final String host = ThisHost.name();

    public ApprovalButtons(Store store) {
        this.store = store;
    }

    /** True for the data of a permission prompt's button. */
    static boolean handles(CallbackQuery query) {
        return ApprovalMessage.isApproval(query.data());
    }

    /** Handles a press inside the poller's transaction; returns what to do in Telegram after the commit. */
    List<Effect> press(CallbackQuery query) {
        ApprovalPresses.Outcome outcome;
        try {
            outcome = ApprovalPresses.press(store.current().connection(), query.data(),
                    query.from() == null ? 0 : query.from().id(), System.currentTimeMillis(), host, ThisHost::alive);
        } catch (SQLException e) {
            throw new StoreException("a permission prompt could not be read or answered: " + e.getMessage(), e);
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
