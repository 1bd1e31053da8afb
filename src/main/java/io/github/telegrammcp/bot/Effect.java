package io.github.telegrammcp.bot;

import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;

/** Something the poller does in Telegram after a batch is committed. */
sealed interface Effect {

    /**
     * Send HTML to the owner, with buttons whose actions (group) learn the message id once sent; {@code threadId} is
     * the topic the owner wrote in (null: the main chat).
     */
    record Send(String html, InlineKeyboardMarkup markup, String actionGroup, Long threadId) implements Effect {

        Send(String html, InlineKeyboardMarkup markup, String actionGroup) {
            this(html, markup, actionGroup, null);
        }

        Send(String html) {
            this(html, null, null, null);
        }

        /** The same message in a topic. */
        Send inThread(Long thread) {
            return new Send(html, markup, actionGroup, thread);
        }
    }

    /** Close the topic of a session that /delete removed. */
    record CloseTopic(String sessionId) implements Effect {
    }

    /** Answer a button press (stops the client's spinner and shows a short note). */
    record AnswerPress(String callbackQueryId, String text) implements Effect {
    }

    /** Replace a message's text and remove its buttons. */
    record Edit(long chatId, long messageId, String html) implements Effect {
    }
}
