package io.github.telegrammcp.bot;

import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;

/** Something the poller does in Telegram after a batch is committed. */
sealed interface Effect {

    /** Send HTML to the owner, with buttons whose actions (group) learn the message id once sent. */
    record Send(String html, InlineKeyboardMarkup markup, String actionGroup) implements Effect {

        Send(String html) {
            this(html, null, null);
        }
    }

    /** Answer a button press (stops the client's spinner and shows a short note). */
    record AnswerPress(String callbackQueryId, String text) implements Effect {
    }

    /** Replace a message's text and remove its buttons. */
    record Edit(long chatId, long messageId, String html) implements Effect {
    }
}
