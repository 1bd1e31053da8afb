package io.github.telegrammcp.approval;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import io.github.telegrammcp.hook.JdbcApprovalRecords;

/** An in-memory H2 database with the approval_request table, as the migration script creates it. */
final class ApprovalDb implements AutoCloseable {

    final Connection connection;
    /** The hook's queries over this connection. */
    final JdbcApprovalRecords records;

    ApprovalDb() throws SQLException, IOException {
        connection = DriverManager.getConnection("jdbc:h2:mem:approvals-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        String script;
        try (InputStream in = ApprovalDb.class.getResourceAsStream("/db/migration/V4__approvals.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Statement sql = connection.createStatement()) {
            for (String statement : script.replaceAll("(?m)^--.*$", "").split(";\\s*\\n")) {
                if (!statement.isBlank()) {
                    sql.execute(statement);
                }
            }
        }
        records = new JdbcApprovalRecords(connection);
    }

    /** A store over this connection. */
    ApprovalPrompt.Store store() {
        return new ApprovalPrompt.Store() {
            @Override
            public synchronized <T> T call(ApprovalPrompt.Work<T> work) {
                return work.run(records);
            }
        };
    }

    /** A pending prompt of process {@code pid} on {@code host}, created now, expiring in a minute. */
    ApprovalRecords.Row pending(String id, String host, long pid) throws SQLException {
        long now = System.currentTimeMillis();
        ApprovalRecords.Row row = new ApprovalRecords.Row(id, "hook", null, "api", "claude:s1", "Bash", "d", "rm -rf /tmp/x",
                "bash", 13, host, pid, 1001L, 77L, "🔐 <b>[api]</b> wants to use <b>Bash</b>", now, now + 60_000, null,
                null, null);
        records.insert(row);
        return row;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
