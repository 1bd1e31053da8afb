package io.github.telegrammcp.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.github.telegrammcp.config.DatabaseUrl;
import io.github.telegrammcp.store.PollState;

/** Tells whether a running server holds the getUpdates lease in the local state store. */
final class PollerLease {

    private PollerLease() {
    }

    /**
     * The owner of a live lease, if any, in the shared PostgreSQL store when {@code TELEGRAM_DATABASE_URL} is set, else
     * in the local H2 store; a missing or unreadable store counts as no lease.
     */
    static Optional<String> liveOwner(Path stateDir, Map<String, String> env, long nowMillis) {
        String shared = env.get("TELEGRAM_DATABASE_URL");
        if (shared != null && !shared.isBlank()) {
            try {
                DatabaseUrl db = DatabaseUrl.parse(shared, Optional.ofNullable(env.get("TELEGRAM_DATABASE_PASSWORD")),
                        Optional.ofNullable(env.get("PGPASSWORD")));
                return read(new org.postgresql.Driver().connect(db.jdbcUrl(), db.credentials()), nowMillis);
            } catch (SQLException | RuntimeException e) {
                return Optional.empty();
            }
        }
        if (!Files.exists(stateDir.resolve("state.mv.db"))) {
            return Optional.empty();
        }
        String url = "jdbc:h2:file:" + stateDir.resolve("state") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE;NETWORK_TIMEOUT=15000";
        Properties credentials = new Properties();
        credentials.setProperty("user", "tgmcp");
        credentials.setProperty("password", "");
        try {
            return read(new org.h2.Driver().connect(url, credentials), nowMillis);
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Connection opened, long nowMillis) {
        try (Connection connection = opened;
                PreparedStatement query = connection.prepareStatement(PollState.LEASE_SQL);
                ResultSet row = query.executeQuery()) {
            if (row.next()) {
                String owner = row.getString(1);
                long until = row.getLong(2);
                if (owner != null && until > nowMillis) {
                    return Optional.of(owner);
                }
            }
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
