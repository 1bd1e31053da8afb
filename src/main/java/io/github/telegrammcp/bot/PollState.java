package io.github.telegrammcp.bot;

import java.sql.ResultSet;
import java.sql.SQLException;

/** The single row holding the getUpdates offset and the poller lease. */
public class PollState {

    /** The id of the only row. */
    public static final int SINGLETON = 1;

    public int id;

    /** Next update id to ask Telegram for; everything below it is stored. */
    public long updateOffset;

    public String leaseOwner;

    public long leaseUntil;

    /** Session name that plain messages are locked to by /keep, or null. */
    public String lockedSession;

    /** One row of {@code SELECT * FROM poll_state}. */
    public static PollState read(ResultSet rs) throws SQLException {
        PollState p = new PollState();
        p.id = rs.getInt("id");
        p.updateOffset = rs.getLong("update_offset");
        p.leaseOwner = rs.getString("lease_owner");
        p.leaseUntil = rs.getLong("lease_until");
        p.lockedSession = rs.getString("locked_session");
        return p;
    }
}
