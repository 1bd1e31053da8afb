package io.github.telegrammcp.bot;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.SetMyCommands;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Learns this bot's username (getMe) and registers its command menu for the owner's chat, each time this process
 * becomes the poller. Until the username is known, commands addressed to a bot by name ({@code /help@name}) are
 * ignored.
 */
@ApplicationScoped
public class CommandMenu {

    private static final Logger LOG = Logger.getLogger(CommandMenu.class);

    /** The longest either call may take, retries included. */
    static final Duration CALL_AT_MOST = Duration.ofSeconds(60);

    private final TelegramClient client;
    private final Settings settings;
    private Cancellable inFlight;

    public CommandMenu(TelegramClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * getMe, then setMyCommands, beside the first poll. Both wait on the event loop, not on a thread: with Telegram
     * unreachable their retries take seconds, and they must delay neither polling nor the exit of the process (an
     * exit cancels them). Failures are logged; commands still work without the menu.
     */
    synchronized void registerInBackground() {
        cancel();
        inFlight = client.getMeLater(true, CALL_AT_MOST)
                .onFailure().invoke(e -> LOG.warnf("Could not learn this bot's username (commands addressed to it by"
                        + " name wait for it): %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(me -> client.setMyCommandsLater(new SetMyCommands(CommandHandler.MENU,
                        Map.of("type", "chat", "chat_id", settings.ownerChatId().orElseThrow())), CALL_AT_MOST))
                .subscribe().with(registered -> LOG.debug("Command menu registered"),
                        e -> LOG.warnf("Could not register the command menu (commands still work): %s",
                                e.getMessage()));
    }

    synchronized void cancel() {
        if (inFlight != null) {
            inFlight.cancel();
            inFlight = null;
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        cancel();
    }
}
