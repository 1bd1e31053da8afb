package io.github.telegrammcp.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validated settings. A server with problems still starts and answers MCP; every tool then reports the problems.
 *
 * @param token the bot token, if given
 * @param ownerChatId the owner's chat id, if given and valid
 * @param sessionName the requested session name (before it is made unique)
 * @param maxWait the default and largest wait
 * @param pollSchedule heartbeat and re-check schedule
 * @param apiUrl Bot API base URL without a trailing slash
 * @param stateDir absolute state directory
 * @param allowedUsers user ids allowed in a group chat
 * @param allowedPaths extra roots outside the project whose files may be sent
 * @param approvalTimeout how long a permission prompt waits for the owner's answer
 * @param problems what is missing or invalid, each with how to fix it
 */
public record Settings(
        Optional<BotToken> token,
        Optional<Long> ownerChatId,
        String sessionName,
        Duration maxWait,
        PollSchedule pollSchedule,
        URI apiUrl,
        Path stateDir,
        Set<Long> allowedUsers,
        List<Path> allowedPaths,
        Duration approvalTimeout,
        List<String> problems) {

    /** Seven days, the original's default and the longest wait any client is configured for. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(604800);

    /** How long a permission prompt waits for the owner by default: ten minutes. */
    public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(10);

    /** The longest approval timeout: a day. */
    public static final Duration MAX_APPROVAL_TIMEOUT = Duration.ofDays(1);

    public Settings {
        allowedUsers = Set.copyOf(allowedUsers);
        allowedPaths = List.copyOf(allowedPaths);
        problems = List.copyOf(problems);
    }

    /** True when the bot can be used: a token and an owner chat id are set and valid. */
    public boolean usable() {
        return problems.isEmpty() && token.isPresent() && ownerChatId.isPresent();
    }

    /** One text for the model and the person: what is wrong and how to fix it. */
    public String problemReport() {
        return "Telegram is not configured correctly: " + String.join(" ", problems)
                + " Set it in the MCP server's environment (or run `telegram-mcp-server --setup`), then restart the"
                + " assistant.";
    }

    /** True when a group member's user id may command the bot. */
    public boolean allowsUser(long userId) {
        return allowedUsers.contains(userId);
    }
}
