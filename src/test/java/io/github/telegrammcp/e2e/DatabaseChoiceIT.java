package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build and the configuration must agree: the H2 build with TELEGRAM_DATABASE_URL set would quietly use a local
 * file the other machines never see, and a URL that is not PostgreSQL's cannot work. Each tool says so; no database
 * server is needed. And the launcher picks the PostgreSQL build by the URL.
 */
class DatabaseChoiceIT {

    @TempDir
    Path tmp;

    @RegisterExtension
    final FakeAndServer world = new FakeAndServer();

    @Test
    void theH2BuildRefusesADatabaseUrl() throws Exception {
        String answer = notifyWithUrl(Jar.path(), "postgresql://u:hidden@127.0.0.1:9/db");
        assertThat(answer).contains("this is the H2 build").contains("bin/telegram-mcp-server").doesNotContain("hidden");
        assertThat(Files.exists(tmp.resolve("state/state.mv.db"))).as("no local database was created").isFalse();
    }

    @Test
    void thePostgresqlBuildRefusesAnotherKindOfUrl() throws Exception {
        String answer = notifyWithUrl(PgDatabase.jar(), "mysql://u:hidden@127.0.0.1/db");
        assertThat(answer).contains("only PostgreSQL").contains("postgresql://user@host:5432/database")
                .doesNotContain("hidden");
    }

    /** Starts the build {@code jar} with TELEGRAM_DATABASE_URL set to {@code url}; answers what telegram_notify says. */
    private String notifyWithUrl(Path jar, String url) throws Exception {
        McpServerProcess server = world.start(jar, tmp.resolve("alpha"), world.env(tmp.resolve("state"),
                "TELEGRAM_DATABASE_URL", url));
        return McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary", "x")));
    }
}
