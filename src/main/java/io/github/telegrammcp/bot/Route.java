package io.github.telegrammcp.bot;

import java.util.List;

/** What to do with one update. */
public sealed interface Route {

    /** Not acted on; {@code reason} goes to the log. */
    record Ignore(String reason) implements Route {
    }

    /** Queue {@code text} for a session; {@code via} says which routing rule chose it. */
    record Deliver(SessionRef target, String text, String via) implements Route {
    }

    /** Answer the owner; nothing is queued. */
    record Reply(String html) implements Route {
    }

    /** Several sessions could take the message: ask the owner which. */
    record AskWhich(List<SessionRef> sessions, String text) implements Route {
    }

    /** A bot command other than routing ones, with its argument text (may be empty). */
    record Command(String name, String args) implements Route {
    }
}
