package io.github.telegrammcp.store;

import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.github.telegrammcp.config.DatabaseUrl;

/**
 * Which database this build talks to: H2 (the default build, {@code quarkus-app}) or PostgreSQL (the second build,
 * {@code quarkus-app-pg}, chosen by the launcher when {@code TELEGRAM_DATABASE_URL} is set). The datasource kind is fixed
 * at build time, so this never changes while the process runs.
 */
public final class StoreEngine {

    private static volatile Boolean postgres;

    private StoreEngine() {
    }

    /** True in the PostgreSQL build. */
    public static boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = "postgresql".equals(ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.datasource.db-kind", String.class).orElse("h2"));
            postgres = known;
        }
        return known;
    }

    /** {@code TELEGRAM_DATABASE_URL} as configured (environment or configuration file), if set. */
    public static Optional<String> configuredUrl() {
        return ConfigProvider.getConfig().getOptionalValue("telegram.database-url", String.class)
                .filter(s -> !s.isBlank());
    }

    /**
     * Why this build cannot serve the configuration: the H2 build with a database URL set (it would use a local
     * database the other machines never see), or the PostgreSQL build without one. Empty when they match.
     */
    public static Optional<String> mismatch() {
        if (!postgres() && configuredUrl().isPresent()) {
            return Optional.of("TELEGRAM_DATABASE_URL is set, but this is the H2 build of the server; start it through"
                    + " bin/telegram-mcp-server (which runs quarkus-app-pg for a database URL), or unset the variable");
        }
        if (postgres() && configuredUrl().isPresent()) {
            try {
                DatabaseUrl.parse(configuredUrl().get(), Optional.empty(), Optional.empty());
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }
        if (postgres() && configuredUrl().isEmpty()) {
            return Optional.of("this is the PostgreSQL build of the server, but TELEGRAM_DATABASE_URL is not set; set it"
                    + " (postgresql://user@host:5432/database) or start quarkus-app/quarkus-run.jar for the local H2 store");
        }
        return Optional.empty();
    }
}
