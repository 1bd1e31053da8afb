package io.github.telegrammcp.session;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.store.Migrations;

/**
 * Opens the shared state store at start-up: migrates the schema and registers the session, retrying for a while. A
 * session often starts while another one exits, and when the exiting process hosted the H2 database its connections
 * break until another process takes over (a few seconds); that must not stop the new session from starting.
 */
@ApplicationScoped
public class StoreStartup {

    private static final Logger LOG = Logger.getLogger(StoreStartup.class);

    /** How long start-up keeps trying before it reports the store as unusable. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    private final Migrations migrations;
    private final SessionRegistry registry;

    @Inject
    public StoreStartup(Migrations migrations, SessionRegistry registry) {
        this.migrations = migrations;
        this.registry = registry;
    }

    /** Migrates and registers; throws the last failure once {@link #GIVE_UP_AFTER} has passed. */
    public void open() {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            try {
                migrations.migrate();
                registry.register();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("The state store is not reachable yet (%s); retrying", e.getMessage());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
