package io.github.telegrammcp.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * In the PostgreSQL build ({@code quarkus-app-pg}, datasource kind fixed at build time), turns
 * {@code TELEGRAM_DATABASE_URL} into the datasource's JDBC URL, user and password ({@link DatabaseUrl}). Below
 * environment variables and system properties, so {@code QUARKUS_DATASOURCE_*} still wins; above
 * {@code application.properties}, whose H2 URL it replaces. The H2 build ignores the variable here, and refuses to start
 * with it ({@code StoreStartup}): it would quietly use a local database the other machines never see.
 */
public class DatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Between the configuration file (275) and environment variables (300). */
    static final int ORDINAL = 290;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String url = value(context, "telegram.database-url").orElse(null);
        if (url == null || !"postgresql".equals(value(context, "quarkus.datasource.db-kind").orElse(""))) {
            return List.of();
        }
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(url, value(context, "telegram.database-password"),
                    Optional.ofNullable(System.getenv("PGPASSWORD")));
        } catch (IllegalArgumentException e) {
            // Logging is not set up yet; StoreStartup reports the same problem to every tool.
            System.err.println("telegram-mcp-server: " + e.getMessage());
            return List.of();
        }
        Map<String, String> props = new java.util.HashMap<>();
        props.put("quarkus.datasource.jdbc.url", parsed.jdbcUrl());
        props.put("quarkus.datasource.username", parsed.user());
        parsed.password().ifPresent(p -> props.put("quarkus.datasource.password", p));
        // At exit, a start-up attempt against a database that does not answer may still wait in the pool for a
        // connection (up to the login timeout, 10 s); Quarkus interrupts worker threads only after 10 s by default,
        // and waits up to a minute in all. Waiting threads are interrupted after 1 s here, and the exit goes on after
        // 3 s: PostgreSQL rolls back whatever a cut connection left open, as after kill -9. (The H2 build keeps the
        // defaults: a session may host the database file there.)
        props.put("quarkus.thread-pool.shutdown-interrupt", "500ms");
        props.put("quarkus.thread-pool.shutdown-timeout", "1s");
        return List.of(new MapBackedConfigSource("TELEGRAM_DATABASE_URL", props, ORDINAL) {
            @Override
            public String toString() {
                return "TELEGRAM_DATABASE_URL[" + parsed.masked() + "]";
            }
        });
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue v = context.getValue(name);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? Optional.empty() : Optional.of(v.getValue());
    }
}
