package io.github.telegrammcp.bot;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.telegram.ReceivedUpdate;
import io.github.telegrammcp.telegram.TelegramClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * One turn of the poller: renew the lease and read the offset, long-poll getUpdates (no thread is held while Telegram
 * holds the request), store the batch, then perform what it asks for in Telegram. Database calls and sends run on
 * worker threads. A batch that fails on the data of one of its updates is stored one update at a time, and the update
 * that fails is set aside ({@link UpdateQuarantine}), so that it cannot hold up the ones after it.
 */
@ApplicationScoped
public class PollCycle {

    private static final Logger LOG = Logger.getLogger(PollCycle.class);

    /** Long-poll timeout; shorter than the lease so that a renewal always comes before the lease runs out. */
    public static final int POLL_TIMEOUT_SECONDS = 8;

    private final PollerLease lease;
    private final TelegramClient client;
    private final UpdateBatch batch;
    private final EffectPerformer effects;
    private final UpdateQuarantine quarantine;

    public PollCycle(PollerLease lease, TelegramClient client, UpdateBatch batch, EffectPerformer effects,
            UpdateQuarantine quarantine) {
        this.lease = lease;
        this.client = client;
        this.batch = batch;
        this.effects = effects;
        this.quarantine = quarantine;
    }

    /**
     * Longest time from the start of a renewal to the getUpdates it allows. A process on this host takes the lease from
     * a stopped holder {@link PollerLease#STOPPED_HOLDER_MILLIS} after its renewal, when a long poll sent within this
     * time has ended at Telegram; a holder that was stopped longer (between renewal and poll) renews again instead, so
     * that its poll never overlaps the new holder's (Telegram's 409).
     */
    static final long RENEWAL_FRESH_MILLIS = 1_500;

    /** One turn; true while this process still holds the lease. Updates that arrive while stopping stay unconfirmed. */
    Uni<Boolean> run(BooleanSupplier stopping) {
        long renewing = System.currentTimeMillis();
        return blocking(lease::renew).chain(offset -> {
            if (offset.isEmpty()) {
                return tookOver();
            }
            if (System.currentTimeMillis() - renewing > RENEWAL_FRESH_MILLIS) {
                LOG.info("The lease renewal took long (was this process stopped?); renewing again before polling");
                return Uni.createFrom().item(true);
            }
            return poll(offset.getAsLong(), stopping);
        });
    }

    /** Aborts the long poll in flight (the process is stopping). */
    void abort() {
        client.closePolling();
    }

    private Uni<Boolean> poll(long offset, BooleanSupplier stopping) {
        return client.getUpdates(offset, POLL_TIMEOUT_SECONDS).chain(updates -> updates.isEmpty()
                || stopping.getAsBoolean() ? Uni.createFrom().item(true) : blocking(() -> store(offset, updates)));
    }

    private boolean store(long offset, List<ReceivedUpdate> updates) {
        try {
            effects.performAll(batch.store(offset, updates));
        } catch (RuntimeException e) {
            if (!UpdateQuarantine.isPoison(e)) {
                throw e; // an outage or a lost lease: nothing was stored, the batch is fetched again
            }
            LOG.warnf("A batch of %d update(s) could not be stored (%s); storing them one at a time", updates.size(),
                    UpdateQuarantine.reason(e));
            storeOneByOne(offset, updates);
        }
        return true;
    }

    /** Stores each update in its own transaction and sets aside the one whose own data fails, so the rest goes on. */
    private void storeOneByOne(long offset, List<ReceivedUpdate> updates) {
        long expected = offset;
        for (ReceivedUpdate update : updates) {
            if (update.updateId() < expected) {
                continue;
            }
            try {
                effects.performAll(batch.store(expected, List.of(update)));
            } catch (RuntimeException e) {
                if (!UpdateQuarantine.isPoison(e)) {
                    throw e; // an outage: what is committed stays, the rest is fetched again
                }
                quarantine.setAside(expected, update, UpdateQuarantine.reason(e)).ifPresent(effects::perform);
            }
            expected = update.updateId() + 1;
        }
    }

    private static Uni<Boolean> tookOver() {
        LOG.info("Another process took over polling");
        return Uni.createFrom().item(false);
    }

    static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
