package io.github.telegrammcp.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Options of {@code --setup}: any answer given here is not asked for; with {@code --yes} nothing is asked at all.
 *
 * @param token the bot token ({@code -} reads it from the first line of stdin)
 * @param chatId the owner's chat id
 * @param clients client ids (claude, codex, gemini) when given; an empty list (`none`) configures no client
 * @param scope user or project, when given
 * @param yes never ask; use given values, then saved ones, then defaults
 * @param testMessage send the test message at the end
 * @param command the command clients should run instead of the detected launcher
 * @param waitSeconds how long to wait for the person's first message when looking for the chat id
 * @param approvals install (true) or remove (false) the hook that sends permission prompts to Telegram, when given
 * @param channel push the owner's messages into Claude Code through its channels (true) or not (false), when given
 */
record SetupOptions(Optional<String> token, Optional<String> chatId, Optional<List<String>> clients,
        Optional<ClientSetup.Scope> scope, boolean yes, boolean testMessage, Optional<String> command, int waitSeconds,
        Optional<Boolean> approvals, Optional<Boolean> channel) {

    /** Thrown for a malformed option; the caller prints the usage text and exits with 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Parses the arguments after {@code --setup}. */
    static SetupOptions parse(List<String> args) throws UsageException {
        Optional<String> token = Optional.empty();
        Optional<String> chatId = Optional.empty();
        List<String> clients = null;
        Optional<ClientSetup.Scope> scope = Optional.empty();
        boolean yes = false;
        boolean testMessage = true;
        Optional<String> command = Optional.empty();
        int wait = 180;
        Optional<Boolean> approvals = Optional.empty();
        Optional<Boolean> channel = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = arg.contains("=");
            switch (name) {
                case "--yes", "-y" -> yes = true;
                case "--no-test-message" -> testMessage = false;
                case "--approvals" -> approvals = Optional.of(true);
                case "--no-approvals" -> approvals = Optional.of(false);
                case "--channel" -> channel = Optional.of(true);
                case "--no-channel" -> channel = Optional.of(false);
                case "--token", "--chat-id", "--client", "--clients", "--scope", "--command", "--wait" -> {
                    String value;
                    if (inline) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new UsageException(name + " needs a value");
                    }
                    switch (name) {
                        case "--token" -> token = Optional.of(value);
                        case "--chat-id" -> chatId = Optional.of(value.trim());
                        case "--client", "--clients" -> {
                            clients = clients == null ? new ArrayList<>() : clients;
                            for (String id : parseClients(value)) {
                                if (!clients.contains(id)) {
                                    clients.add(id);
                                }
                            }
                        }
                        case "--scope" -> scope = Optional.of(parseScope(value));
                        case "--command" -> command = Optional.of(value);
                        default -> wait = parseWait(value);
                    }
                }
                default -> throw new UsageException("Unknown setup option: " + arg);
            }
        }
        return new SetupOptions(token, chatId, Optional.ofNullable(clients).map(List::copyOf), scope, yes, testMessage,
                command, wait, approvals, channel);
    }

    static List<String> parseClients(String value) throws UsageException {
        List<String> result = new ArrayList<>();
        for (String part : value.split("[,\\s]+")) {
            String id = part.trim().toLowerCase(Locale.ROOT);
            if (id.isEmpty() || id.equals("none")) {
                continue;
            }
            if (id.equals("claude-code")) {
                id = "claude";
            } else if (id.equals("gemini-cli")) {
                id = "gemini";
            }
            if (!List.of("claude", "codex", "gemini").contains(id)) {
                throw new UsageException("Unknown client '" + part.trim() + "': use claude, codex or gemini");
            }
            if (!result.contains(id)) {
                result.add(id);
            }
        }
        return result;
    }

    static ClientSetup.Scope parseScope(String value) throws UsageException {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "user", "global" -> ClientSetup.Scope.USER;
            case "project" -> ClientSetup.Scope.PROJECT;
            default -> throw new UsageException("--scope must be user or project, got '" + value + "'");
        };
    }

    private static int parseWait(String value) throws UsageException {
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 0 && seconds <= 3600) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new UsageException("--wait must be a number of seconds between 0 and 3600");
    }
}
