package io.github.telegrammcp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns raw {@link TelegramConfig} values into {@link Settings}, collecting problems instead of failing. */
public final class SettingsParser {

    private static final Pattern TOKEN = Pattern.compile("\\d{3,15}:[A-Za-z0-9_-]{20,}");
    private static final Pattern SESSION = Pattern.compile("[\\p{L}\\p{N}._-]{1,40}");

    private SettingsParser() {
    }

    /**
     * Parses the settings.
     *
     * @param config the raw values
     * @param workingDirectory the process's working directory, whose name is the default session name
     * @param defaultStateDir the state directory to use when none is configured
     */
    public static Settings parse(TelegramConfig config, Path workingDirectory, Path defaultStateDir) {
        List<String> problems = new ArrayList<>();

        Optional<BotToken> token = Optional.empty();
        if (config.botToken().isEmpty()) {
            problems.add("TELEGRAM_BOT_TOKEN is missing (the token @BotFather gave you, like 123456789:AA...).");
        } else if (!TOKEN.matcher(config.botToken().get().trim()).matches()) {
            problems.add("TELEGRAM_BOT_TOKEN does not look like a bot token (expected digits, a colon, then letters;"
                    + " copy it again from @BotFather).");
        } else {
            token = Optional.of(new BotToken(config.botToken().get()));
        }

        Optional<Long> chatId = Optional.empty();
        if (config.chatId().isEmpty()) {
            problems.add("TELEGRAM_CHAT_ID is missing (your chat id; `telegram-mcp-server --setup` finds it).");
        } else {
            try {
                chatId = Optional.of(Long.parseLong(config.chatId().get().trim()));
            } catch (NumberFormatException e) {
                problems.add("TELEGRAM_CHAT_ID must be a number such as 123456789 (or -100... for a group), got '"
                        + config.chatId().get().trim() + "'.");
            }
        }

        String session = defaultSessionName(workingDirectory);
        if (config.session().isPresent()) {
            String requested = config.session().get().trim();
            if (SESSION.matcher(requested).matches()) {
                session = requested;
            } else {
                problems.add("TELEGRAM_SESSION must be 1-40 letters, digits, '.', '_' or '-', got '" + requested + "'.");
            }
        }

        Duration maxWait = Settings.DEFAULT_MAX_WAIT;
        if (config.maxWait().isPresent()) {
            try {
                maxWait = parseMaxWait(config.maxWait().get());
            } catch (IllegalArgumentException e) {
                problems.add("TELEGRAM_MAX_WAIT " + e.getMessage() + ".");
            }
        }

        PollSchedule schedule = PollSchedule.DEFAULT;
        if (config.pollInterval().isPresent()) {
            try {
                schedule = PollSchedule.parse(config.pollInterval().get());
            } catch (IllegalArgumentException e) {
                problems.add("TELEGRAM_POLL_INTERVAL must look like 30,60,120 (seconds): " + e.getMessage() + ".");
            }
        }

        URI apiUrl = URI.create("https://api.telegram.org");
        try {
            apiUrl = parseApiUrl(config.apiUrl());
        } catch (IllegalArgumentException e) {
            problems.add("TELEGRAM_API_URL " + e.getMessage() + ".");
        }

        Path stateDir = config.stateDir().map(s -> Path.of(s).toAbsolutePath().normalize()).orElse(defaultStateDir);

        Set<Long> allowedUsers = new LinkedHashSet<>();
        if (config.allowedUsers().isPresent()) {
            for (String part : config.allowedUsers().get().split(",")) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                try {
                    allowedUsers.add(Long.parseLong(trimmed));
                } catch (NumberFormatException e) {
                    problems.add("TELEGRAM_ALLOWED_USERS must be numeric user ids separated by commas, got '" + trimmed
                            + "'.");
                }
            }
        }

        List<Path> allowedPaths = new ArrayList<>();
        if (config.allowedPaths().isPresent()) {
            for (String part : config.allowedPaths().get().split("[,:]")) {
                String trimmed = part.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                Path path = Path.of(trimmed);
                if (!path.isAbsolute()) {
                    problems.add("TELEGRAM_ALLOWED_PATHS entries must be absolute directories, got '" + trimmed + "'.");
                } else {
                    allowedPaths.add(path.normalize());
                }
            }
        }

        Duration approvalTimeout = Settings.DEFAULT_APPROVAL_TIMEOUT;
        if (config.approvalTimeout().isPresent() && !config.approvalTimeout().get().isBlank()) {
            try {
                approvalTimeout = parseApprovalTimeout(config.approvalTimeout().get());
            } catch (IllegalArgumentException e) {
                problems.add("TELEGRAM_APPROVAL_TIMEOUT " + e.getMessage() + ".");
            }
        }

        return new Settings(token, chatId, session, maxWait, schedule, apiUrl, stateDir, allowedUsers, allowedPaths,
                approvalTimeout, problems);
    }

    /** Parses a wait in whole seconds between 1 and 604800. */
    public static Duration parseMaxWait(String text) {
        long seconds;
        try {
            seconds = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number of seconds, got '" + text.trim() + "'");
        }
        if (seconds < 1 || seconds > Settings.DEFAULT_MAX_WAIT.toSeconds()) {
            throw new IllegalArgumentException("must be between 1 and 604800 seconds (7 days), got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** Parses a permission prompt's wait in whole seconds between 10 and 86400. */
    public static Duration parseApprovalTimeout(String text) {
        long seconds;
        try {
            seconds = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number of seconds, got '" + text.trim() + "'");
        }
        if (seconds < 10 || seconds > Settings.MAX_APPROVAL_TIMEOUT.toSeconds()) {
            throw new IllegalArgumentException("must be between 10 and 86400 seconds (a day), got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    static URI parseApiUrl(String text) {
        String trimmed = text.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("must be an http(s) URL such as https://api.telegram.org, got '"
                        + trimmed + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a valid URL: '" + trimmed + "'");
        }
    }

    /** The working directory's name, reduced to the characters a session name may have. */
    static String defaultSessionName(Path workingDirectory) {
        Path name = workingDirectory.toAbsolutePath().normalize().getFileName();
        String raw = name == null ? "session" : name.toString();
        String cleaned = raw.replaceAll("[^\\p{L}\\p{N}._-]", "-");
        if (cleaned.length() > 40) {
            cleaned = cleaned.substring(0, 40);
        }
        return cleaned.isEmpty() || cleaned.chars().allMatch(c -> c == '-') ? "session" : cleaned;
    }
}
