package io.github.telegrammcp.session;

import java.util.List;

import io.github.telegrammcp.store.Tx;

/**
 * Gives a new session what its gone predecessor left behind: a session that restarts under the same name in the same
 * project directory is the same assistant to the owner, so its undelivered messages, and replies to its earlier
 * messages, now go to the new session. Runs inside the caller's transaction.
 */
final class Handover {

    private Handover() {
    }

    /** Moves queued messages and reply routing of gone sessions named {@code name} in {@code projectDir}; counts. */
    static long toNewSession(Tx tx, String newId, String name, String projectDir) {
        List<String> gone = tx.list("SELECT id FROM agent_session WHERE name = ? AND project_dir = ? AND status = ?"
                + " AND id <> ?", rs -> rs.getString(1), name, projectDir, SessionStatus.GONE, newId);
        long moved = 0;
        for (String oldId : gone) {
            moved += tx.update("UPDATE inbox_message SET session_id = ? WHERE session_id = ? AND delivered_at IS NULL",
                    newId, oldId);
            tx.update("UPDATE sent_message SET session_id = ? WHERE session_id = ?", newId, oldId);
        }
        return moved;
    }
}
