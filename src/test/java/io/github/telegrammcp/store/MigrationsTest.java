package io.github.telegrammcp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.telegram.TelegramLimits;

class MigrationsTest {

    private static final List<String> TABLES = List.of("AGENT_SESSION", "POLL_STATE", "INBOX_MESSAGE",
            "SENT_MESSAGE", "BOT_ACTION", "COMMAND_REQUEST", "FAILED_UPDATE", "APPROVAL_REQUEST", "SESSION_TOPIC");

    @TempDir
    Path dir;

    Store store;

    @BeforeEach
    void open() {
        store = new Store(Store.url(dir));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Migrations migrations() {
        return new Migrations(store, dir.resolve("migrate.lock"));
    }

    @Test
    void aFreshDatabaseGetsEveryScriptOnceAndTheSingletonRow() {
        assertThat(migrations().migrate()).isEqualTo(Migrations.SCRIPTS.size());
        assertThat(tables()).containsAll(TABLES);
        assertThat(columns("INBOX_MESSAGE")).contains("TELEGRAM_FILE_ID", "FILE_NAME", "FILE_SIZE");
        assertThat(number("SELECT COUNT(*) FROM poll_state WHERE id = 1")).isEqualTo(1);
        assertThat(migrations().migrate()).isZero();
        assertThat(store.<List<Integer>> call(tx -> tx.list("SELECT version FROM schema_version ORDER BY version",
                rs -> rs.getInt(1)))).containsExactly(1, 2, 3, 4, 6);
    }

    @Test
    void scriptsRunAgainWithoutEffectSoAHalfAppliedSchemaIsCompleted() {
        migrations().migrate();
        store.run(tx -> tx.update("UPDATE poll_state SET update_offset = 42 WHERE id = 1"));
        // As if a process died after the statements of every script but before recording them.
        store.run(tx -> tx.update("DELETE FROM schema_version"));
        assertThat(migrations().migrate()).isEqualTo(Migrations.SCRIPTS.size());
        assertThat(number("SELECT update_offset FROM poll_state WHERE id = 1")).isEqualTo(42);
        assertThat(number("SELECT COUNT(*) FROM poll_state")).isEqualTo(1);
    }

    @Test
    void versionsRecordedByFlywayInEarlierBuildsCount() {
        store.run(tx -> {
            tx.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY,"
                    + " \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"success\" BOOLEAN NOT NULL)");
            tx.update("INSERT INTO \"flyway_schema_history\" VALUES (1, '1', 'state store', TRUE),"
                    + " (2, '2', 'buttons commands media', TRUE)");
            for (String script : Migrations.SCRIPTS) {
                for (String statement : Migrations.statements(read(script))) {
                    tx.execute(statement);
                }
            }
            tx.update("UPDATE poll_state SET update_offset = 7 WHERE id = 1");
        });
        // Flyway never ran V3, V4 and V6 (they came later): they run now, without effect on what is there.
        assertThat(migrations().migrate()).isEqualTo(3);
        assertThat(number("SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.SCRIPTS.size());
        assertThat(number("SELECT update_offset FROM poll_state WHERE id = 1")).isEqualTo(7);
    }

    @Test
    void twoStartsAtOnceMigrateOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Store second = new Store(Store.url(dir))) {
            Future<Integer> a = pool.submit(() -> migrations().migrate());
            Future<Integer> b = pool.submit(() -> new Migrations(second, dir.resolve("migrate.lock")).migrate());
            assertThat(a.get(30, TimeUnit.SECONDS) + b.get(30, TimeUnit.SECONDS)).isEqualTo(Migrations.SCRIPTS.size());
        } finally {
            pool.shutdown();
        }
        assertThat(number("SELECT COUNT(*) FROM schema_version")).isEqualTo(Migrations.SCRIPTS.size());
    }

    @Test
    void aStoreOfTheReleaseBeforeApprovalsGetsItsTableAndKeepsItsMessages() {
        store.run(tx -> {
            tx.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, script VARCHAR(255) NOT NULL,"
                    + " applied_at BIGINT NOT NULL)");
            for (String script : Migrations.SCRIPTS.subList(0, 3)) {
                for (String statement : Migrations.statements(read(script))) {
                    tx.execute(statement);
                }
                tx.update("INSERT INTO schema_version VALUES (?, ?, 1)", Integer.parseInt(script.substring(1, 2)),
                        script);
            }
            tx.update("INSERT INTO inbox_message (session_id, kind, body, created_at) VALUES ('s', 'text', 'queued', 1)");
        });
        assertThat(tables()).doesNotContain("APPROVAL_REQUEST");

        assertThat(migrations().migrate()).isEqualTo(Migrations.SCRIPTS.size() - 3);

        assertThat(tables()).contains("APPROVAL_REQUEST");
        assertThat(store.<List<String>> call(tx -> tx.list("SELECT body FROM inbox_message", rs -> rs.getString(1))))
                .containsExactly("queued");
    }

    @Test
    void columnsHoldEverythingTelegramCanSendCountedInUtf16Units() {
        migrations().migrate();
        // The longest Telegram allows, every character an emoji outside the BMP (two UTF-16 units each, as H2 counts).
        String text = "😀".repeat(TelegramLimits.TEXT_CHARACTERS);
        String name = "🦄".repeat(TelegramLimits.FILE_NAME_CHARACTERS);
        String fileId = "𝔄".repeat(TelegramLimits.FILE_ID_CHARACTERS);
        store.run(tx -> {
            tx.update("INSERT INTO inbox_message (session_id, kind, body, telegram_file_id, file_name, created_at)"
                    + " VALUES ('s', 'document', ?, ?, ?, 1)", text, fileId, name);
            tx.update("INSERT INTO command_request (session_id, command, args, created_at) VALUES ('s', 'file', ?, 1)",
                    text);
            tx.update("INSERT INTO bot_action (id, group_id, session_id, kind, label, payload, file_id, file_name,"
                    + " created_at) VALUES ('a', 'g', 's', 'pick', 'alpha', ?, ?, ?, 1)", text, fileId, name);
        });
        assertThat(number("SELECT LENGTH(args) FROM command_request")).isEqualTo(2L * TelegramLimits.TEXT_CHARACTERS);
        assertThat(number("SELECT LENGTH(file_name) FROM inbox_message"))
                .isEqualTo(2L * TelegramLimits.FILE_NAME_CHARACTERS);
        assertThat(store.<List<String>> call(tx -> tx.list("SELECT is_nullable FROM information_schema.columns"
                + " WHERE table_name = 'BOT_ACTION' AND column_name = 'LABEL'", rs -> rs.getString(1))))
                .containsExactly("NO");
    }

    @Test
    void statementsSkipCommentsAndSplitAtLineEndingSemicolons() {
        assertThat(Migrations.statements("""
                -- a comment; with a semicolon
                CREATE TABLE a (
                    x INT -- trailing
                );

                INSERT INTO a VALUES (1);
                SELECT 1""")).containsExactly("CREATE TABLE a (\n    x INT -- trailing\n)", "INSERT INTO a VALUES (1)",
                "SELECT 1");
    }

    @Test
    void everyScriptInTheSourceTreeIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources", Migrations.LOCATION))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(Migrations.SCRIPTS);
        }
    }

    private List<String> tables() {
        return store.call(tx -> tx.list("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'",
                rs -> rs.getString(1)));
    }

    private List<String> columns(String table) {
        return store.call(tx -> tx.list("SELECT column_name FROM information_schema.columns WHERE table_name = ?",
                rs -> rs.getString(1), table));
    }

    private static String read(String script) {
        try (var in = Migrations.class.getClassLoader().getResourceAsStream(Migrations.LOCATION + script)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long number(String sql) {
        return store.<Long> call(tx -> tx.number(sql));
    }
}
