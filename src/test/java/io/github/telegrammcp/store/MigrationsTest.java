package io.github.telegrammcp.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.telegram.TelegramLimits;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The schema migration as the server configures it (the Flyway bean's configuration, applied to throw-away H2 files):
 * fresh databases, databases of the plain-JDBC and of the Flyway-era releases (the shipped fixtures), half-applied
 * schemas and two processes starting at once.
 */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
class MigrationsTest {

    static final int SCRIPTS = 8;
    static final List<String> TABLES = List.of("AGENT_SESSION", "POLL_STATE", "INBOX_MESSAGE", "SENT_MESSAGE",
            "BOT_ACTION", "COMMAND_REQUEST", "FAILED_UPDATE", "APPROVAL_REQUEST", "SESSION_TOPIC", "OUTBOUND_PACING");

    @Inject
    Flyway configured;

    @Test
    void aFreshDatabaseGetsEveryScriptOnceAndTheSingletonRow() throws Exception {
        Path dir = Files.createTempDirectory(base(), "fresh-");
        assertThat(migrations(dir).migrate()).isEqualTo(SCRIPTS);
        assertThat(strings(dir, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"))
                .containsAll(TABLES);
        assertThat(strings(dir, "SELECT column_name FROM information_schema.columns WHERE table_name = 'INBOX_MESSAGE'"))
                .contains("TELEGRAM_FILE_ID", "FILE_NAME", "FILE_SIZE");
        assertThat(strings(dir, "SELECT column_name FROM information_schema.columns WHERE table_name = 'AGENT_SESSION'"))
                .contains("WAKE_ADDRESS");
        assertThat(number(dir, "SELECT COUNT(*) FROM poll_state WHERE id = 1")).isEqualTo(1);
        assertThat(migrations(dir).migrate()).isZero();
        assertThat(versions(dir)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }

    @Test
    void aDatabaseOfThePlainJdbcReleaseKeepsEverythingAndGetsAHistory() throws Exception {
        Path dir = fixture("jdbc-release");
        assertThat(migrations(dir).migrate()).as("V1 and V2 again (no effect), then V3 to V8").isEqualTo(SCRIPTS);
        assertKeptEverything(dir);
        assertThat(versions(dir)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(number(dir, "SELECT COUNT(*) FROM schema_version")).as("left as it was").isEqualTo(2);
        assertThat(migrations(dir).migrate()).isZero();
    }

    @Test
    void aDatabaseOfTheFlywayEraReleaseKeepsEverythingAndItsHistory() throws Exception {
        Path dir = fixture("flyway-release");
        assertThat(migrations(dir).migrate()).as("only V3 to V8: V1 and V2 are recorded").isEqualTo(6);
        assertKeptEverything(dir);
        assertThat(versions(dir)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }

    @Test
    void aSchemaThePlainJdbcReleaseLeftHalfDoneIsCompleted() throws Exception {
        Path dir = Files.createTempDirectory(base(), "half-jdbc-");
        // As that release left it when killed during V2: V1 done and recorded, V2's first table only.
        execute(dir, read("V1__state_store.sql"));
        execute(dir, "CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
                + " applied_at BIGINT NOT NULL); INSERT INTO schema_version VALUES (1, 'V1__state_store.sql', 0);"
                + " UPDATE poll_state SET update_offset = 42 WHERE id = 1;"
                + " CREATE TABLE bot_action (id VARCHAR(16) NOT NULL PRIMARY KEY, group_id VARCHAR(16) NOT NULL,"
                + " session_id VARCHAR(36) NOT NULL, kind VARCHAR(16) NOT NULL, label VARCHAR(300) NOT NULL,"
                + " payload VARCHAR(1000000), payload_kind VARCHAR(16), file_id VARCHAR(255), file_name VARCHAR(255),"
                + " file_size BIGINT, chat_id BIGINT, message_id BIGINT, message_html VARCHAR(1000000),"
                + " created_at BIGINT NOT NULL, used_at BIGINT)");
        assertThat(migrations(dir).migrate()).isEqualTo(SCRIPTS);
        assertThat(strings(dir, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"))
                .containsAll(TABLES);
        assertThat(number(dir, "SELECT update_offset FROM poll_state WHERE id = 1")).isEqualTo(42);
        assertThat(number(dir, "SELECT COUNT(*) FROM poll_state")).isEqualTo(1);
    }

    @Test
    void aScriptFlywayLeftHalfDoneRunsAgain() throws Exception {
        Path dir = Files.createTempDirectory(base(), "half-flyway-");
        migrations(dir).migrate();
        // As if the process died after the newest script's statements but before Flyway recorded it.
        execute(dir, "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '8'");
        assertThat(migrations(dir).migrate()).isEqualTo(1);
        assertThat(versions(dir)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }

    @Test
    void twoStartsAtOnceMigrateOnce() throws Exception {
        Path dir = Files.createTempDirectory(base(), "together-");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> migrations(dir).migrate());
            Future<Integer> b = pool.submit(() -> migrations(dir).migrate());
            assertThat(a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS)).isEqualTo(SCRIPTS);
        } finally {
            pool.shutdown();
        }
        assertThat(versions(dir)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
    }

    @Test
    void aDatabaseOfTheJdbcStoreWithV3KeepsEverything() throws Exception {
        Path dir = Files.createTempDirectory(base(), "jdbc-v3-");
        // As the plain-JDBC store left it after its V3 (inbound limits, failed_update): recorded in schema_version.
        execute(dir, read("V1__state_store.sql"));
        execute(dir, read("V2__buttons_commands_media.sql"));
        execute(dir, read("V3__inbound_limits_failed_update.sql"));
        execute(dir, "CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
                + " applied_at BIGINT NOT NULL); INSERT INTO schema_version VALUES (1, 'V1__state_store.sql', 0),"
                + " (2, 'V2__buttons_commands_media.sql', 0), (3, 'V3__inbound_limits_failed_update.sql', 0);"
                + " UPDATE poll_state SET update_offset = 9 WHERE id = 1;"
                + " INSERT INTO failed_update VALUES (8, '{\"update_id\":8}', 'the state store refused it', 1);"
                + " INSERT INTO inbox_message (session_id, kind, body, created_at) VALUES ('s', 'text', 'kept', 1)");
        assertThat(migrations(dir).migrate()).as("every script again, without effect on what is there")
                .isEqualTo(SCRIPTS);
        assertThat(number(dir, "SELECT update_offset FROM poll_state WHERE id = 1")).isEqualTo(9);
        assertThat(strings(dir, "SELECT raw_json FROM failed_update")).containsExactly("{\"update_id\":8}");
        assertThat(strings(dir, "SELECT body FROM inbox_message")).containsExactly("kept");
        assertThat(number(dir, "SELECT COUNT(*) FROM schema_version")).as("left as it was").isEqualTo(3);
    }

    @Test
    void aDatabaseOfTheJdbcStoreWithApprovalsKeepsItsPromptsAndGetsWakeAddresses() throws Exception {
        Path dir = Files.createTempDirectory(base(), "jdbc-v4-");
        // As the plain-JDBC store left it after its V4 (approvals): V1-V4 recorded in schema_version, a prompt decided
        // "allow for this session" (it answers the same request again) and one still waiting for the owner.
        for (String script : List.of("V1__state_store.sql", "V2__buttons_commands_media.sql",
                "V3__inbound_limits_failed_update.sql", "V4__approvals.sql")) {
            execute(dir, read(script));
        }
        execute(dir, "CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
                + " applied_at BIGINT NOT NULL); INSERT INTO schema_version VALUES (1, 'V1__state_store.sql', 0),"
                + " (2, 'V2__buttons_commands_media.sql', 0), (3, 'V3__inbound_limits_failed_update.sql', 0),"
                + " (4, 'V4__approvals.sql', 0);"
                + " INSERT INTO agent_session (id, name, project_dir, host, pid, status, started_at, last_seen,"
                + " last_activity) VALUES ('s', 'alpha', '/p', 'h', 1, 'RUNNING', 1, 1, 1);"
                + " INSERT INTO inbox_message (session_id, kind, body, created_at) VALUES ('s', 'text', 'kept', 1);"
                + " INSERT INTO approval_request (id, origin, session_name, grant_key, tool_name, input_digest,"
                + " input_chars, host, pid, created_at, expires_at, verdict) VALUES"
                + " ('granted', 'hook', 'alpha', 'claude:c1', 'Bash', 'd1', 2, 'h', 1, 1, 2, 'allow_session'),"
                + " ('waiting', 'hook', 'alpha', 'claude:c1', 'Bash', 'd2', 2, 'h', 1, 1, 2, NULL)");
        assertThat(migrations(dir).migrate()).as("every script again, without effect on what is there")
                .isEqualTo(SCRIPTS);
        assertThat(strings(dir, "SELECT id || ' ' || COALESCE(verdict, '-') FROM approval_request ORDER BY id"))
                .containsExactly("granted allow_session", "waiting -");
        assertThat(strings(dir, "SELECT body FROM inbox_message")).containsExactly("kept");
        assertThat(strings(dir, "SELECT name || ' ' || COALESCE(wake_address, '-') FROM agent_session"))
                .containsExactly("alpha -");
        assertThat(versions(dir)).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(number(dir, "SELECT COUNT(*) FROM schema_version")).as("left as it was").isEqualTo(4);
    }

    @Test
    void columnsHoldEverythingTelegramCanSendCountedInUtf16Units() throws Exception {
        Path dir = Files.createTempDirectory(base(), "widths-");
        migrations(dir).migrate();
        // The longest Telegram allows, every character an emoji outside the BMP (two UTF-16 units each, as H2 counts).
        String text = "😀".repeat(TelegramLimits.TEXT_CHARACTERS);
        String name = "🦄".repeat(TelegramLimits.FILE_NAME_CHARACTERS);
        String fileId = "𝔄".repeat(TelegramLimits.FILE_ID_CHARACTERS);
        try (Connection c = DriverManager.getConnection(url(dir), "tgmcp", "")) {
            update(c, "INSERT INTO inbox_message (session_id, kind, body, telegram_file_id, file_name, created_at)"
                    + " VALUES ('s', 'document', ?, ?, ?, 1)", text, fileId, name);
            update(c, "INSERT INTO command_request (session_id, command, args, created_at) VALUES ('s', 'file', ?, 1)",
                    text);
            update(c, "INSERT INTO bot_action (id, group_id, session_id, kind, label, payload, file_id, file_name,"
                    + " created_at) VALUES ('a', 'g', 's', 'pick', 'alpha', ?, ?, ?, 1)", text, fileId, name);
        }
        assertThat(number(dir, "SELECT LENGTH(args) FROM command_request")).isEqualTo(2L * TelegramLimits.TEXT_CHARACTERS);
        assertThat(number(dir, "SELECT LENGTH(file_name) FROM inbox_message"))
                .isEqualTo(2L * TelegramLimits.FILE_NAME_CHARACTERS);
        assertThat(strings(dir, "SELECT is_nullable FROM information_schema.columns"
                + " WHERE table_name = 'BOT_ACTION' AND column_name = 'LABEL'")).containsExactly("NO");
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (var st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    @Test
    void theLatestVersionIsTheNewestScript() throws IOException {
        try (var scripts = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertThat(scripts.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("V"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0))
                    .isEqualTo(Migrations.LATEST_VERSION);
        }
    }

    @Test
    void anUpToDateDatabaseIsRecognisedWithoutFlyway() throws Exception {
        Path dir = Files.createTempDirectory(base(), "current-");
        assertThat(migrations(dir).upToDate()).as("a new database").isFalse();
        migrations(dir).migrate();
        assertThat(migrations(dir).upToDate()).isTrue();
        execute(dir, "DELETE FROM \"flyway_schema_history\" WHERE \"version\" = '8'");
        assertThat(migrations(dir).upToDate()).as("the newest script missing").isFalse();
        assertThat(migrations(fixture("jdbc-release")).upToDate()).as("no history yet").isFalse();
    }

    @Test
    void aHistoryThatRecordsAFailedScriptFailsAtOnceWithWhatToDo() throws Exception {
        Path dir = Files.createTempDirectory(base(), "failed-script-");
        migrations(dir).migrate();
        try (Connection c = DriverManager.getConnection(url(dir), "tgmcp", "");
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                    + Migrations.LATEST_VERSION + "'");
        }
        long started = System.nanoTime();

        assertThatThrownBy(migrations(dir)::migrate).isInstanceOf(Migrations.Unfixable.class)
                .hasMessageContaining("failed migration").hasMessageContaining("./mvnw clean package");
        assertThat(System.nanoTime() - started).as("no retries").isLessThan(TimeUnit.SECONDS.toNanos(20));
    }

    @Test
    void onlyFailuresThatRetryingCannotFixCountAsUnfixable() {
        assertThat(Migrations.retryCannotFix(new FlywayException("Found more than one migration with version 6")))
                .isTrue();
        assertThat(Migrations.retryCannotFix(new FlywayException("script failed",
                new SQLException("Syntax error in SQL statement", "42001")))).isTrue();
        assertThat(Migrations.retryCannotFix(new FlywayException("Unable to obtain connection",
                new SQLException("Database may be already in use", "90020")))).isFalse();
        assertThat(Migrations.retryCannotFix(new FlywayException("lock",
                new IllegalStateException(new SQLException("Timeout trying to lock table", "HYT00"))))).isFalse();
    }

    private void assertKeptEverything(Path dir) throws SQLException {
        assertThat(strings(dir, "SELECT name || ' ' || status FROM agent_session ORDER BY name"))
                .containsExactly("alpha GONE", "beta RUNNING");
        assertThat(strings(dir, "SELECT s.name || ': ' || m.body FROM inbox_message m JOIN agent_session s"
                + " ON s.id = m.session_id WHERE m.delivered_at IS NULL ORDER BY m.id")).containsExactly(
                        "alpha: first queued for alpha", "alpha: second queued for alpha", "beta: queued for beta",
                        "beta: reply queued for beta");
        assertThat(number(dir, "SELECT COUNT(*) FROM inbox_message WHERE delivered_at IS NOT NULL")).isEqualTo(1);
        assertThat(strings(dir, "SELECT locked_session FROM poll_state")).containsExactly("alpha");
        assertThat(strings(dir, "SELECT label || ' -> ' || payload FROM bot_action ORDER BY label")).containsExactly(
                "Deploy -> deploy to staging", "Run tests -> run the tests");
        assertThat(number(dir, "SELECT COUNT(*) FROM sent_message")).isEqualTo(3);
    }

    private Migrations migrations(Path dir) {
        Flyway flyway = Flyway.configure(getClass().getClassLoader()).configuration(configured.getConfiguration())
                .dataSource(url(dir), "tgmcp", "").load();
        return new Migrations(() -> flyway, flyway.getConfiguration().getDataSource(), dir.resolve(Migrations.LOCK_FILE));
    }

    private static Path fixture(String name) throws IOException {
        Path dir = Files.createTempDirectory(base(), name + "-");
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/upgrade/" + name + "/state.mv.db")) {
            Files.copy(in, dir.resolve("state.mv.db"));
        }
        return dir;
    }

    private static Path base() throws IOException {
        return Files.createDirectories(Path.of("target", "migrations-test").toAbsolutePath());
    }

    private static String url(Path dir) {
        return "jdbc:h2:" + dir.resolve("state") + ";AUTO_SERVER=TRUE";
    }

    private List<String> versions(Path dir) throws SQLException {
        return strings(dir, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""
                + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"");
    }

    private static List<String> strings(Path dir, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(dir), "tgmcp", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static long number(Path dir, String sql) throws SQLException {
        return Long.parseLong(strings(dir, sql).get(0));
    }

    private static void execute(Path dir, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(dir), "tgmcp", "");
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String read(String script) throws IOException {
        try (InputStream in = MigrationsTest.class.getResourceAsStream("/db/migration/" + script)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
