package io.github.telegrammcp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.session.WakeChannel;
import io.github.telegrammcp.store.Migrations;
import io.github.telegrammcp.store.StoreEngine;

/**
 * Opens the shared state store at start-up: listens for wake-ups, migrates the schema and registers the session (with
 * its wake-up address), retrying for a while; then hands the session what a gone predecessor left
 * ({@link SessionHandover}). At exit it marks the session gone. A session often starts while another one exits, and
 * when the exiting process hosted the H2 database its connections break until another process takes over (a few
 * seconds); that must not stop the new session from starting. A state directory that cannot take a file (read-only,
 * no space left) is reported at once instead, and so is a schema that this build cannot migrate
 * ({@link Migrations.Unfixable}): waiting would not help.
 */
@ApplicationScoped
public class StoreStartup {

    private static final Logger LOG = Logger.getLogger(StoreStartup.class);

    /** How long start-up keeps trying before it reports the store as unusable. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
    private static final long RETRY_MILLIS = 500;
    private static final long PG_RETRY_MILLIS = 2000;

    private final Migrations migrations;
    private final SessionRegistry registry;
    private final WakeChannel wakeChannel;
    private final SessionHandover handover;
    private final Path stateDir;

    StoreStartup(Migrations migrations, SessionRegistry registry, WakeChannel wakeChannel, SessionHandover handover,
            Settings settings) {
        this.migrations = migrations;
        this.registry = registry;
        this.wakeChannel = wakeChannel;
        this.handover = handover;
        this.stateDir = settings.stateDir();
    }

    /** Why the store cannot be opened at all; retrying would not help. */
    public static class UnusableStateDirectory extends RuntimeException {
        UnusableStateDirectory(String problem) {
            super(problem);
        }
    }

    /**
     * Migrates and registers; throws the last failure once {@link #GIVE_UP_AFTER} has passed, and at once
     * ({@link UnusableStateDirectory}) when the state directory itself cannot be used: not writable, or on a full disk.
     */
    public void open() {
        open(GIVE_UP_AFTER, reason -> {
        });
    }

    /**
     * As {@link #open()}, trying for {@code giveUpAfter} and telling {@code retrying} why each failed attempt failed;
     * the shared PostgreSQL store passes a very long time: a database that is down at start-up is waited for.
     */
    public void open(Duration giveUpAfter, java.util.function.Consumer<String> retrying) {
        String wakeAddress = prepare();
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        long retryMillis = StoreEngine.postgres() ? PG_RETRY_MILLIS : RETRY_MILLIS;
        while (true) {
            try {
                attempt(wakeAddress);
                return;
            } catch (Migrations.Unfixable | UnusableStateDirectory e) {
                throw e;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("The state store is not reachable yet (%s); retrying", e.getMessage());
                retrying.accept(e.getMessage());
                try {
                    Thread.sleep(retryMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * What every attempt needs, done once: checks the state directory ({@link UnusableStateDirectory} when it cannot be
     * used) and listens for wake-ups; returns the wake-up address to register.
     */
    public String prepare() {
        StateDirectory.unusable(stateDir).ifPresent(problem -> {
            throw new UnusableStateDirectory(problem);
        });
        return wakeChannel.listen();
    }

    /**
     * One attempt: migrates and registers the session with {@code wakeAddress}. Throws {@link Migrations.Unfixable} and
     * {@link UnusableStateDirectory} when another attempt would not help, any other {@link RuntimeException} when it
     * might (the store is not reachable yet).
     */
    public void attempt(String wakeAddress) {
        try {
            migrations.migrate();
            registry.register(wakeAddress).ifPresent(handover::handOver);
        } catch (Migrations.Unfixable e) {
            throw e;
        } catch (RuntimeException e) {
            Optional<String> problem = StateDirectory.problem(stateDir);
            if (problem.isPresent()) {
                throw new UnusableStateDirectory(problem.get());
            }
            throw e;
        }
    }

    /** The pause between two attempts on the shared PostgreSQL store. */
    public static Duration pgRetryDelay() {
        return Duration.ofMillis(PG_RETRY_MILLIS);
    }

    /** Marks this session gone (its process is exiting) and stops listening for wake-ups. */
    public void close() {
        try {
            registry.unregister();
        } catch (RuntimeException e) {
            LOG.warnf("Could not mark the session gone (others will notice within a minute): %s", e.getMessage());
        }
        wakeChannel.close();
    }
}
