package io.github.telegrammcp.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.telegrammcp.config.BotToken;
import io.github.telegrammcp.config.ConfigFile;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.SettingsParser;
import io.github.telegrammcp.config.StateDirectory;

/**
 * {@code --setup}: verifies the token, finds the owner's chat id, saves both to the private configuration file,
 * registers the server with the chosen clients and sends a test message. Safe to run again.
 */
final class Wizard {

    private static final Pattern TOKEN = Pattern.compile("\\d{3,15}:[A-Za-z0-9_-]{20,}");
    private static final String DEFAULT_API_URL = "https://api.telegram.org";

    private final SetupOptions options;
    private final Map<String, String> env;
    private final String userHome;
    private final Path projectDir;
    private final Prompter prompter;
    private final PrintStream out;
    private final Commands commands;

    Wizard(SetupOptions options, Map<String, String> env, String userHome, Path projectDir, Prompter prompter,
            PrintStream out) {
        this.options = options;
        this.env = env;
        this.userHome = userHome;
        this.projectDir = projectDir;
        this.prompter = prompter;
        this.out = out;
        this.commands = new Commands(env);
    }

    /** Runs the whole setup; the exception's message says what went wrong and what to do. */
    void run() throws SetupException {
        Path configFile = ConfigFile.locate(env, userHome);
        Map<String, String> saved = readSaved(configFile);
        Map<String, String> effective = new LinkedHashMap<>(saved);
        effective.putAll(env);
        String apiUrl = effective.getOrDefault("TELEGRAM_API_URL", DEFAULT_API_URL);

        out.println("telegram-mcp-server setup " + Version.current());
        out.println();

        BotToken token = askToken(effective.get("TELEGRAM_BOT_TOKEN"));
        SetupBotApi api = new SetupBotApi(apiUrl, token);
        SetupBotApi.Bot bot;
        try {
            bot = api.getMe();
        } catch (SetupBotApi.Failure e) {
            throw new SetupException(e.errorCode() == 401 || e.errorCode() == 404
                    ? "Telegram rejected the token " + token.masked() + " (" + e.errorCode()
                            + "). Copy it again from @BotFather (/mybots, API Token) and run the setup again."
                    : "Could not verify the token: " + e.getMessage());
        }
        out.println("Token verified: bot @" + bot.username() + " (" + bot.firstName() + ").");

        long chatId = chatId(api, bot, effective.get("TELEGRAM_CHAT_ID"),
                StateDirectory.resolve(effective, ConfigFile.home(env, userHome)));

        Map<String, String> values = new LinkedHashMap<>();
        values.put("TELEGRAM_BOT_TOKEN", token.reveal());
        values.put("TELEGRAM_CHAT_ID", String.valueOf(chatId));
        try {
            boolean changed = ConfigFileUpdater.update(configFile, values);
            out.println((changed ? "Saved token and chat id to " : "Token and chat id already saved in ") + configFile
                    + " (readable only by you).");
        } catch (IOException e) {
            throw new SetupException("Cannot write " + configFile + ": " + e.getMessage());
        }
        warnIfEnvironmentDiffers(values);

        List<String> chosen = configureClients();
        configureChannel(configFile, chosen);

        if (options.testMessage()) {
            try {
                api.sendMessage(chatId, "telegram-mcp-server is set up on " + hostName() + ". Start your assistant in a"
                        + " project and tell it: \"enter unattended mode, task: ...\". Your replies here reach it.");
                out.println("Test message sent: check Telegram.");
            } catch (SetupBotApi.Failure e) {
                throw new SetupException("The test message could not be sent (" + e.getMessage() + "). Check the chat id"
                        + " and that you have pressed Start in the chat with @" + bot.username() + ".");
            }
        }
        out.println();
        out.println("Done. Restart your assistant so it starts the server, then say: enter unattended mode, task: ...");
    }

    private Map<String, String> readSaved(Path configFile) throws SetupException {
        try {
            return ConfigFile.read(configFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new SetupException("Cannot read " + configFile + ": " + e.getMessage());
        }
    }

    private BotToken askToken(String current) throws SetupException {
        String value;
        if (options.token().isPresent()) {
            value = options.token().get();
            if (value.equals("-")) {
                value = prompter.ask("Bot token", null);
            }
        } else if (options.yes()) {
            if (current == null || current.isBlank()) {
                throw new SetupException("No bot token: pass --token (or TELEGRAM_BOT_TOKEN). Create a bot with"
                        + " @BotFather in Telegram to get one.");
            }
            value = current;
        } else {
            out.println("Create a bot with @BotFather in Telegram (/newbot) and paste its token here.");
            String hint = current == null || current.isBlank() ? ""
                    : " (Enter keeps " + new BotToken(current).masked() + ")";
            value = prompter.secret("Bot token" + hint);
            if (value.isEmpty() && current != null) {
                value = current;
            }
        }
        value = value.trim();
        if (!TOKEN.matcher(value).matches()) {
            throw new SetupException("That does not look like a bot token (digits, a colon, then about 35 letters)."
                    + " Copy it again from @BotFather.");
        }
        return new BotToken(value);
    }

    private long chatId(SetupBotApi api, SetupBotApi.Bot bot, String current, Path stateDir) throws SetupException {
        if (options.chatId().isPresent()) {
            return parseChatId(options.chatId().get());
        }
        if (current != null && !current.isBlank()) {
            if (options.yes()) {
                return parseChatId(current);
            }
            if (prompter.confirm("Keep the saved chat id " + current.trim() + "?", true)) {
                return parseChatId(current);
            }
        }
        Optional<String> lease = PollerLease.liveOwner(stateDir, env, System.currentTimeMillis());
        if (lease.isPresent()) {
            out.println("A telegram-mcp-server session is running and reading this bot's messages, so the setup will"
                    + " not read them too (Telegram allows one reader and answers 409 Conflict to a second).");
            return manualChatId();
        }
        return discoverChatId(api, bot);
    }

    private long discoverChatId(SetupBotApi api, SetupBotApi.Bot bot) throws SetupException {
        out.println("Now open Telegram and send /start to @" + bot.username() + " (https://t.me/" + bot.username()
                + "). Waiting up to " + options.waitSeconds() + " s for your message...");
        Instant deadline = Instant.now().plusSeconds(options.waitSeconds());
        while (true) {
            long remaining = Duration.between(Instant.now(), deadline).toSeconds();
            List<SetupBotApi.Sender> senders;
            try {
                senders = api.peekMessages((int) Math.max(0, Math.min(25, remaining)));
            } catch (SetupBotApi.Failure e) {
                if (e.errorCode() == 409) {
                    out.println("Telegram answered 409 Conflict: another program reads this bot's updates (a running"
                            + " session, or a webhook).");
                    return manualChatId();
                }
                throw new SetupException("Could not read messages: " + e.getMessage());
            }
            if (!senders.isEmpty()) {
                SetupBotApi.Sender latest = senders.get(senders.size() - 1);
                out.println("Message from " + describe(latest) + ": chat id " + latest.chatId() + ".");
                if (options.yes() || prompter.confirm("Is that you?", true)) {
                    if (!"private".equals(latest.chatType())) {
                        out.println("That is a group: only the user ids in TELEGRAM_ALLOWED_USERS may command the bot"
                                + " there (your user id is " + latest.fromId() + ").");
                    }
                    return latest.chatId();
                }
                return manualChatId();
            }
            if (remaining <= 0) {
                out.println("No message arrived in " + options.waitSeconds() + " s.");
                return manualChatId();
            }
            pause();
        }
    }

    private long manualChatId() throws SetupException {
        if (options.yes()) {
            throw new SetupException("No chat id: pass --chat-id (your numeric Telegram user id; @userinfobot tells"
                    + " it).");
        }
        while (true) {
            String answer = prompter.ask("Your chat id (a number; @userinfobot in Telegram tells it)", null);
            try {
                return parseChatId(answer);
            } catch (SetupException e) {
                out.println(e.getMessage());
            }
        }
    }

    private static long parseChatId(String text) throws SetupException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new SetupException("The chat id must be a number such as 123456789 (or -100... for a group), got '"
                    + text.trim() + "'.");
        }
    }

    private void warnIfEnvironmentDiffers(Map<String, String> values) {
        values.forEach((key, value) -> {
            String fromEnv = env.get(key);
            if (fromEnv != null && !fromEnv.isBlank() && !fromEnv.trim().equals(value)) {
                out.println("Note: " + key + " is also set in your environment, and the environment wins over the"
                        + " file. Unset it (or update it) so the saved value is used.");
            }
        });
    }

    private List<String> configureClients() throws SetupException {
        List<ClientSetup> all = ClientSetup.all();
        List<String> chosen;
        if (options.clients().isPresent()) {
            chosen = options.clients().get();
        } else {
            List<String> installed = new ArrayList<>();
            for (ClientSetup client : all) {
                if (commands.find(client.executable()).isPresent()) {
                    installed.add(client.id());
                }
            }
            if (options.yes()) {
                chosen = installed;
            } else {
                out.println();
                out.println("Clients: claude (Claude Code), codex (Codex), gemini (Gemini CLI); installed here: "
                        + (installed.isEmpty() ? "none found on PATH" : String.join(", ", installed)) + ".");
                String answer = prompter.ask("Configure which clients (comma-separated, or none)",
                        installed.isEmpty() ? "claude" : String.join(",", installed));
                try {
                    chosen = SetupOptions.parseClients(answer);
                } catch (SetupOptions.UsageException e) {
                    throw new SetupException(e.getMessage());
                }
            }
        }
        if (chosen.isEmpty()) {
            out.println("No client configured. Run the setup again with --client to add one later.");
            return chosen;
        }
        ClientSetup.Scope scope = options.scope().orElse(ClientSetup.Scope.USER);
        if (options.scope().isEmpty() && !options.yes()) {
            String answer = prompter.ask("Scope: user (all projects) or project (only " + projectDir + ")", "user");
            try {
                scope = SetupOptions.parseScope(answer);
            } catch (SetupOptions.UsageException e) {
                throw new SetupException(e.getMessage());
            }
        }
        List<String> command = LauncherCommand.resolve(env, options.command());
        out.println("Clients will run: " + String.join(" ", command));
        ClientSetup.Target target = new ClientSetup.Target(Path.of(ConfigFile.home(env, userHome)), projectDir, scope,
                command, commands);
        for (ClientSetup client : all) {
            if (!chosen.contains(client.id())) {
                continue;
            }
            try {
                for (String line : client.apply(target)) {
                    out.println(client.displayName() + ": " + line);
                }
            } catch (IOException e) {
                throw new SetupException(client.displayName() + ": " + e.getMessage());
            }
            if (client.id().equals("gemini")) {
                out.println("Gemini CLI: it starts MCP servers only in trusted folders; trust your project folder when"
                        + " it asks.");
            }
        }
        configureApprovals(all.stream().filter(c -> chosen.contains(c.id())).toList(), target);
        return chosen;
    }

    /**
     * Claude Code channels ({@code TELEGRAM_CHANNEL} in the configuration file; the server uses it with Claude Code
     * only): {@code --channel} / {@code --no-channel}, else asked when Claude Code is set up. Off with {@code --yes}:
     * a message pushed while Claude Code does not listen is lost, so it takes a decision.
     */
    private void configureChannel(Path configFile, List<String> chosen) throws SetupException {
        boolean on;
        if (options.channel().isPresent()) {
            on = options.channel().get();
        } else if (options.yes() || !chosen.contains("claude")) {
            return;
        } else {
            out.println();
            out.println("Claude Code can also get your messages while it is not waiting for you (Claude Code channels,"
                    + " a research preview: it needs a claude.ai login, and you start it with `claude"
                    + " --dangerously-load-development-channels server:telegram`). A message pushed while Claude Code"
                    + " does not listen is lost.");
            on = prompter.confirm("Push your messages into idle Claude Code sessions?", false);
        }
        try {
            boolean changed = ConfigFileUpdater.update(configFile, Map.of("TELEGRAM_CHANNEL", on ? "on" : "off"));
            out.println("Claude Code channels " + (on ? "on" : "off") + (changed ? " (saved to " + configFile + ")."
                    : " (already so in " + configFile + ").")
                    + (on ? " Start Claude Code with `claude"
                            + " --dangerously-load-development-channels server:telegram`." : ""));
        } catch (IOException e) {
            throw new SetupException("Cannot write " + configFile + ": " + e.getMessage());
        }
    }

    /**
     * Sends the clients' permission prompts to Telegram (Allow / Allow for this session / Deny), so that nobody needs
     * to bypass permissions to work unattended: asked, or {@code --approvals}; {@code --yes} installs it.
     */
    private void configureApprovals(List<ClientSetup> clients, ClientSetup.Target target) throws SetupException {
        boolean install;
        if (options.approvals().isPresent()) {
            install = options.approvals().get();
        } else if (options.yes()) {
            install = true;
        } else {
            out.println();
            out.println("Permission prompts (\"Allow Bash: npm test?\") can come to Telegram with Allow, Allow for this"
                    + " session and Deny buttons, so an unattended assistant never waits at its terminal and never needs"
                    + " its permissions bypassed. Without an answer in " + approvalTimeout().toMinutes()
                    + " min, the terminal asks as usual.");
            install = prompter.confirm("Answer permission prompts from Telegram?", true);
        }
        long hookTimeout = approvalTimeout().toSeconds() + ApprovalHooks.TIMEOUT_MARGIN_SECONDS;
        for (ClientSetup client : clients) {
            try {
                for (String line : client.approvals(target, install, hookTimeout)) {
                    out.println(client.displayName() + ": " + line);
                }
            } catch (IOException e) {
                throw new SetupException(client.displayName() + ": " + e.getMessage());
            }
        }
    }

    /** TELEGRAM_APPROVAL_TIMEOUT as the hook will read it (environment over the saved file), else the default. */
    private Duration approvalTimeout() {
        Map<String, String> effective = new LinkedHashMap<>(readSavedQuietly());
        env.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                effective.put(key, value);
            }
        });
        String value = effective.get("TELEGRAM_APPROVAL_TIMEOUT");
        if (value == null || value.isBlank()) {
            return Settings.DEFAULT_APPROVAL_TIMEOUT;
        }
        try {
            return SettingsParser.parseApprovalTimeout(value);
        } catch (IllegalArgumentException e) {
            return Settings.DEFAULT_APPROVAL_TIMEOUT;
        }
    }

    private Map<String, String> readSavedQuietly() {
        try {
            return ConfigFile.read(ConfigFile.locate(env, userHome));
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static String describe(SetupBotApi.Sender sender) {
        String name = sender.chatName().isBlank() ? "chat " + sender.chatId() : sender.chatName();
        String text = sender.text().length() > 30 ? sender.text().substring(0, 30) + "..." : sender.text();
        return name + (text.isBlank() ? "" : " (\"" + text + "\")");
    }

    private static void pause() throws SetupException {
        // An API that answers at once instead of long-polling must not be asked in a tight loop.
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("Interrupted.");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this computer";
        }
    }
}
