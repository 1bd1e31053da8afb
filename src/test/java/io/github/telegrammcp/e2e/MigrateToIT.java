package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * {@code --migrate-to}: an H2 state with a queued message, a /keep lock and an offset moves into an empty PostgreSQL
 * database, and the same session started in PostgreSQL mode gets its queued message; a second run refuses the database,
 * which is no longer empty.
 */
class MigrateToIT {

    @TempDir
    Path tmp;

    @RegisterExtension
    final FakeAndServer world = new FakeAndServer();

    @Test
    void anH2StateMovesIntoAnEmptyDatabaseAndANonEmptyOneIsRefused() throws Exception {
        String url = PgDatabase.fresh();
        FakeBotApi fake = world.fake();
        Path project = tmp.resolve("alpha");
        Map<String, String> env = world.env(tmp.resolve("state"));
        McpServerProcess server = world.start(Jar.path(), project, env);
        assertThat(McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary",
                "before the move")))).startsWith("Notification sent");
        fake.injectOwnerText("/keep alpha");
        fake.awaitSentMessage(m -> m.rawText().contains("Plain messages now go to"), Duration.ofSeconds(20));
        long before = fake.confirmedOffset();
        fake.injectOwnerText("queued across the move");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fake.confirmedOffset() <= before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long offset = fake.confirmedOffset();
        assertThat(offset).as("the message was stored (its update confirmed)").isGreaterThan(before);
        world.stopServer();

        Result moved = migrate(env, url);
        assertThat(moved.status).as(moved.err).isZero();
        assertThat(moved.out).contains("inbox_message").contains("agent_session").doesNotContain("tgmcp-test");
        try (Connection c = PgDatabase.connect(url); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT update_offset, locked_session FROM poll_state WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).as("offset").isGreaterThanOrEqualTo(offset).isPositive();
                assertThat(rs.getString(2)).as("/keep lock").isNotNull();
            }
            try (ResultSet rs = st.executeQuery("SELECT body FROM inbox_message WHERE delivered_at IS NULL")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).contains("queued across the move");
            }
        }

        Map<String, String> pgEnv = new java.util.HashMap<>(env);
        pgEnv.put("TELEGRAM_DATABASE_URL", url);
        server = world.start(PgDatabase.jar(), project, pgEnv);
        assertThat(McpServerProcess.text(server.call("telegram_wait_reply", Map.of("max_wait", 20))))
                .isEqualTo(WaitTools.REPLY_INTRO + "queued across the move");
        world.stopServer();

        Result again = migrate(env, url);
        assertThat(again.status).isEqualTo(1);
        assertThat(again.err).contains("is not empty").contains("nothing was changed").doesNotContain("tgmcp-test");
    }

    record Result(int status, String out, String err) {
    }

    /** Runs {@code --migrate-to} as a user would: the H2 build, the password in PGPASSWORD, not in the URL. */
    private Result migrate(Map<String, String> env, String url) throws IOException, InterruptedException {
        String password = url.substring(url.indexOf("://") + 3, url.indexOf('@'));
        password = password.substring(password.indexOf(':') + 1);
        String withoutPassword = url.replace(":" + password + "@", "@");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-jar", Jar.path().toString(), "--migrate-to",
                withoutPassword));
        pb.environment().putAll(env);
        pb.environment().put("PGPASSWORD", password);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = tmp.resolve("migrate.out");
        Path err = tmp.resolve("migrate.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), java.nio.file.Files.readString(out, StandardCharsets.UTF_8),
                java.nio.file.Files.readString(err, StandardCharsets.UTF_8));
    }
}
