package io.github.telegrammcp.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Raw settings as the user gave them (environment variables {@code TELEGRAM_*}, the configuration file, system
 * properties). Everything is read as text so that a bad value never stops the server; {@link Settings} parses and
 * validates.
 */
@ConfigMapping(prefix = "telegram")
public interface TelegramConfig {

    /** Bot token from @BotFather ({@code TELEGRAM_BOT_TOKEN}). */
    Optional<String> botToken();

    /** The owner's chat id ({@code TELEGRAM_CHAT_ID}); nothing is accepted without it. */
    Optional<String> chatId();

    /** Session name ({@code TELEGRAM_SESSION}); defaults to the working directory's name. */
    Optional<String> session();

    /** Longest wait in seconds ({@code TELEGRAM_MAX_WAIT}), default 604800 (7 days). */
    Optional<String> maxWait();

    /** Re-check and heartbeat schedule ({@code TELEGRAM_POLL_INTERVAL}), default {@code 30,60,120}. */
    Optional<String> pollInterval();

    /** Bot API base URL ({@code TELEGRAM_API_URL}). */
    @WithDefault("https://api.telegram.org")
    String apiUrl();

    /** State directory ({@code TELEGRAM_STATE_DIR}); resolved to an absolute path by the launcher. */
    Optional<String> stateDir();

    /** Comma-separated user ids allowed to command the bot in a group chat ({@code TELEGRAM_ALLOWED_USERS}). */
    Optional<String> allowedUsers();

    /** Upper bound in seconds between progress notifications during a wait (at most 60); internal, lowered by tests. */
    @WithName("internal.progress-seconds")
    @WithDefault("60")
    int progressSeconds();

    /** A topic per session where the chat has topics ({@code TELEGRAM_TOPICS}): auto (the default), on or off. */
    Optional<String> topics();

    /**
     * Claude Code channels ({@code TELEGRAM_CHANNEL}): {@code on} pushes the owner's messages into an idle Claude Code
     * session; off by default.
     */
    Optional<String> channel();

    /** Extra directories, outside the project, whose files may be sent ({@code TELEGRAM_ALLOWED_PATHS}). */
    Optional<String> allowedPaths();

    /** TELEGRAM_APPROVAL_TIMEOUT: seconds a permission prompt waits for the owner's answer (default 600). */
    Optional<String> approvalTimeout();
}
