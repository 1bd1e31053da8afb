package io.github.telegrammcp.bot;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.SetMyCommands;

/** Registers the bot's command menu for the owner's chat, each time this process becomes the poller. */
@ApplicationScoped
public class CommandMenu {

    private static final Logger LOG = Logger.getLogger(CommandMenu.class);

    private final TelegramClient client;
    private final Settings settings;

    public CommandMenu(TelegramClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
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
