package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;

/**
 * The build and the configuration must agree: the H2 build with TELEGRAM_DATABASE_URL set would quietly use a local
 * file the other machines never see, and a URL that is not PostgreSQL's cannot work. Each tool says so; no database
 * server is needed. And the launcher picks the PostgreSQL build by the URL.
 */
class DatabaseChoiceIT {

    @TempDir
    Path tmp;

    FakeBotApi fake;
    McpServerProcess server;

    @AfterEach
    void stop() {
        McpServerProcess.closeAll(fake, server);
    }

    @Test
    void theH2BuildRefusesADatabaseUrl() throws Exception {
        fake = new FakeBotApi().start();
        server = new McpServerProcess(Jar.path(), tmp.resolve("alpha"), McpServerProcess.env(fake.baseUrl(),
                FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_DATABASE_URL",
                "postgresql://u:hidden@127.0.0.1:9/db"));
        String answer = McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary",
                "x")));
        assertThat(answer).contains("this is the H2 build").contains("bin/telegram-mcp-server").doesNotContain("hidden");
        assertThat(Files.exists(tmp.resolve("state/state.mv.db"))).as("no local database was created").isFalse();
    }

    @Test
    void thePostgresqlBuildRefusesAnotherKindOfUrl() throws Exception {
        fake = new FakeBotApi().start();
        server = new McpServerProcess(PgDatabase.jar(), tmp.resolve("alpha"), McpServerProcess.env(fake.baseUrl(),
                FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_DATABASE_URL",
                "mysql://u:hidden@127.0.0.1/db"));
        String answer = McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary",
                "x")));
        assertThat(answer).contains("only PostgreSQL").contains("postgresql://user@host:5432/database")
                .doesNotContain("hidden");
    }
}
