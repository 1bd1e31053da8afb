package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A Telegram user or bot. {@code hasTopicsEnabled} comes only from getMe: true when the bot's private chats have
 * topics (threaded mode switched on in @BotFather, Bot API 9.3); null when Telegram did not say.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record User(long id, boolean isBot, String firstName, String username, Boolean hasTopicsEnabled) {

    public User(long id, boolean isBot, String firstName, String username) {
        this(id, isBot, firstName, username, null);
    }
}
