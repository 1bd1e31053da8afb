package io.github.telegrammcp.bot;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.Update;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * One turn of the poller: renew the lease and read the offset, long-poll getUpdates (no thread is held while Telegram
 * holds the request), store the batch, then perform what it asks for in Telegram. Database calls and sends run on
 * worker threads.
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

    public PollCycle(PollerLease lease, TelegramClient client, UpdateBatch batch, EffectPerformer effects) {
        this.lease = lease;
        this.client = client;
        this.batch = batch;
        this.effects = effects;
    }

    /** One turn; true while this process still holds the lease. Updates that arrive while stopping stay unconfirmed. */
    Uni<Boolean> run(BooleanSupplier stopping) {
        return blocking(lease::renew).chain(offset -> offset.isPresent() ? poll(offset.getAsLong(), stopping)
                : tookOver());
    }

    /** Aborts the long poll in flight (the process is stopping). */
    void abort() {
        client.closePolling();
    }

    private Uni<Boolean> poll(long offset, BooleanSupplier stopping) {
        return client.getUpdates(offset, POLL_TIMEOUT_SECONDS).chain(updates -> updates.isEmpty()
                || stopping.getAsBoolean() ? Uni.createFrom().item(true) : blocking(() -> store(offset, updates)));
    }

    private boolean store(long offset, List<Update> updates) {
        List<Effect> after = batch.store(offset, updates);
        effects.performAll(after);
        return true;
    }

    private static Uni<Boolean> tookOver() {
        LOG.info("Another process took over polling");
        return Uni.createFrom().item(false);
    }

    static <T> Uni<T> blocking(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
