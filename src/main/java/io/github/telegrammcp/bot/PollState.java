package io.github.telegrammcp.bot;

/**
 * The single row of {@code poll_state}: the getUpdates offset ({@code update_offset}), the poller lease
 * ({@code lease_owner}, {@code lease_until}) and the session plain messages are locked to by /keep
 * ({@code locked_session}). Read and written with conditional updates only, by {@link PollerLease},
 * {@link CommandHandler} and {@link StoreRoutingView}.
 */
final class PollState {

    /** The id of the only row. */
    static final int SINGLETON = 1;

    private PollState() {
    }
}
