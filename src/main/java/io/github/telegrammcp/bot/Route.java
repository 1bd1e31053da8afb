package io.github.telegrammcp.bot;

import java.util.List;

import io.github.telegrammcp.inbox.Attachment;
import io.github.telegrammcp.telegram.api.CallbackQuery;

/** What to do with one update. */
public sealed interface Route {

    /**
     * Not acted on; {@code reason} goes to the log. {@code notice}, when not null, is HTML worth sending to the chat
     * once (a group where nobody is allowed to command the bot yet).
     */
    record Ignore(String reason, String notice) implements Route {

        public Ignore(String reason) {
            this(reason, null);
        }
    }

    /** Queue {@code text} (and an attachment, if any) for a session; {@code via} says which rule chose it. */
    record Deliver(SessionRef target, String text, String via, Attachment attachment) implements Route {

        public Deliver(SessionRef target, String text, String via) {
            this(target, text, via, null);
        }
    }

    /** Answer the owner; nothing is queued. */
    record Reply(String html) implements Route {
    }

    /** Several sessions could take the message: ask the owner which, with one button per session. */
    record AskWhich(List<SessionRef> sessions, String text, Attachment attachment) implements Route {

        public AskWhich(List<SessionRef> sessions, String text) {
            this(sessions, text, null);
        }
    }

    /** A bot command other than routing ones, with its argument text (may be empty). */
    record Command(String name, String args) implements Route {
    }

    /** The owner pressed one of our inline buttons. */
    record Press(CallbackQuery query) implements Route {
    }
}
