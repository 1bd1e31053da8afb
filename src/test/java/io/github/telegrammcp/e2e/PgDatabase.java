package io.github.telegrammcp.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import io.github.telegrammcp.config.DatabaseUrl;

/**
 * The PostgreSQL server the shared-database tests use: {@code -Dpg.url=postgresql://user:password@host:port/db} (CI starts
 * a throw-away cluster with {@code ci/postgres.sh}). Without it the tests are skipped, unless {@code -Dpg.required=true}
 * (set by CI), which fails them instead. Each test gets a database of its own ({@link #fresh()}).
 */
final class PgDatabase {

    private PgDatabase() {
    }

    /** The server's URL, or skips (fails with pg.required) the calling test. */
    static String url() {
        String url = System.getProperty("pg.url", "");
        if (url.isBlank()) {
            if (Boolean.getBoolean("pg.required")) {
                throw new IllegalStateException("pg.required is set but pg.url is not: start PostgreSQL (ci/postgres.sh"
                        + " start DIR prints the URL) and pass -Dpg.url=...");
            }
            Assumptions.abort("no PostgreSQL for this test: pass -Dpg.url=postgresql://user:password@host:port/db");
        }
        return url;
    }

    /** A new, empty database on that server; returns its URL (the password still in it, as the tests pass it on). */
    static String fresh() throws SQLException {
        String base = url();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = connect(base); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return base.substring(0, base.lastIndexOf('/') + 1) + name;
    }

    /** A plain JDBC connection to the database of {@code url}. */
    static Connection connect(String url) throws SQLException {
        DatabaseUrl parsed = DatabaseUrl.parse(url, Optional.empty(), Optional.empty());
        return DriverManager.getConnection(parsed.jdbcUrl(), parsed.credentials());
    }

    /** The PostgreSQL build of the server (target/quarkus-app-pg), beside the H2 one failsafe names. */
    static Path jar() {
        Path h2 = Jar.path();
        Path pg = h2.getParent().resolveSibling("quarkus-app-pg").resolve("quarkus-run.jar");
        if (!Files.isRegularFile(pg)) {
            throw new IllegalStateException("Package the PostgreSQL build first (./mvnw package): " + pg + " is missing");
        }
        return pg;
    }
}
