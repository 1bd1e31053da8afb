package io.github.telegrammcp.session;

import java.util.List;

import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.telegram.SentMessage;

/**
 * Gives a new session what its gone predecessor left behind: a session that restarts under the same name in the same
 * project directory is the same assistant to the owner, so its undelivered messages, and replies to its earlier
 * messages, now go to the new session. Runs inside the caller's transaction.
 */
final class Handover {

    private Handover() {
    }

    /** Moves queued messages and reply routing of gone sessions named {@code name} in {@code projectDir}; counts. */
    static long toNewSession(String newId, String name, String projectDir) {
        List<String> gone = AgentSession.<AgentSession> list("name = ?1 and projectDir = ?2 and status = ?3 and id <> ?4",
                name, projectDir, SessionStatus.GONE, newId).stream().map(s -> s.id).toList();
        if (gone.isEmpty()) {
            return 0;
        }
        long moved = InboxMessage.update("sessionId = ?1 where sessionId in ?2 and deliveredAt is null", newId, gone);
        SentMessage.update("sessionId = ?1 where sessionId in ?2", newId, gone);
        return moved;
    }
}
