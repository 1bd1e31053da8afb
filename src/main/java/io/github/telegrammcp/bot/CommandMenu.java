package io.github.telegrammcp.bot;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.SetMyCommands;

/**
 * Learns this bot's username (getMe) and registers its command menu for the owner's chat, each time this process
 * becomes the poller. Until the username is known, commands addressed to a bot by name ({@code /help@name}) are
 * ignored.
 */
@ApplicationScoped
public class CommandMenu {

    private static final Logger LOG = Logger.getLogger(CommandMenu.class);

    private final TelegramClient client;
    private final Settings settings;

    public CommandMenu(TelegramClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Runs {@link #learnIdentityAndRegister()} on a daemon thread beside the first poll: with Telegram unreachable its
     * retries take seconds, and they must delay neither polling nor the exit of the process.
     */
    void registerInBackground() {
        Thread identity = new Thread(this::learnIdentityAndRegister, "telegram-bot-identity");
        identity.setDaemon(true);
        identity.start();
    }

    /** Calls getMe, then setMyCommands (blocking); failures are logged, commands still work without the menu. */
    void learnIdentityAndRegister() {
        try {
            client.getMe();
        } catch (RuntimeException e) {
            LOG.warnf("Could not learn this bot's username (commands addressed to it by name wait for it): %s",
                    e.getMessage());
        }
        register();
    }

    /** Sends setMyCommands (blocking); a failure is logged, commands still work without the menu. */
    void register() {
        try {
            client.setMyCommands(new SetMyCommands(CommandHandler.MENU,
                    Map.of("type", "chat", "chat_id", settings.ownerChatId().orElseThrow())));
        } catch (RuntimeException e) {
            LOG.warnf("Could not register the command menu (commands still work): %s", e.getMessage());
        }
    }
}
