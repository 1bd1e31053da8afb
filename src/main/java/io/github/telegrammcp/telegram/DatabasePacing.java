package io.github.telegrammcp.telegram;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The token buckets of {@link OutboundPacer} in the shared PostgreSQL store, so that every machine behind one bot
 * shares one budget per chat: one upsert takes a token and locks the chat's row while it does (concurrent senders queue
 * on that row), and the time comes from the database's clock, so machines whose clocks differ still agree.
 */
final class DatabasePacing {

    private static final String SQL = "INSERT INTO outbound_pacing AS p (chat_id, tokens, updated_at)"
            + " VALUES (?, ? - 1, (extract(epoch from clock_timestamp()) * 1000)::bigint)"
            + " ON CONFLICT (chat_id) DO UPDATE SET"
            + " tokens = LEAST(?, p.tokens + GREATEST(0, (extract(epoch from clock_timestamp()) * 1000)::bigint"
            + " - p.updated_at)::double precision / ?) - 1,"
            + " updated_at = GREATEST((extract(epoch from clock_timestamp()) * 1000)::bigint, p.updated_at)"
            + " RETURNING tokens";

    private final DataSource dataSource;

    DatabasePacing(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Takes a token; returns how long the caller must wait before sending (tokens may go negative: a queue). */
    long reserve(long chatId, int burst, long intervalMillis) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(SQL)) {
            st.setLong(1, chatId);
            st.setDouble(2, burst);
            st.setDouble(3, burst);
            st.setDouble(4, intervalMillis);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                double tokens = rs.getDouble(1);
                return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * intervalMillis);
            }
        }
    }
}
