package io.github.telegrammcp.bot;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.topics.Topics;

/**
 * Makes the one {@link UpdateRouter} of this process, with the owner's chat, this bot's username once known and whether
 * topics route ({@code TELEGRAM_TOPICS}).
 */
@ApplicationScoped
class RouterProducer {

    @Produces
    @Singleton
    UpdateRouter router(Settings settings, TelegramClient client, Topics topics) {
        return new UpdateRouter(settings.ownerChatId().orElse(0L), settings.allowedUsers(), client::botUsername,
                topics::active);
    }
}
