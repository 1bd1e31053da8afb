package io.github.telegrammcp.setup;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.telegrammcp.config.ConfigFile;
import io.github.telegrammcp.hook.PermissionHook;
import io.github.telegrammcp.store.StoreHost;

/** Command-line modes that do not start the MCP server: setup, config, version, help, and the permission hook. */
public final class Cli {

    private Cli() {
    }

    /** Runs one command-line mode and returns the process exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, System.getenv(), System.getProperty("user.home"),
                Path.of(System.getProperty("user.dir")));
    }

    /** As {@link #run(String[], InputStream, PrintStream, PrintStream)}, with the environment given (for tests). */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
            String userHome, Path workingDir) {
        if (args.length == 0) {
            return usageError("No option given (without one, the launcher starts the MCP server).", err);
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "--version", "-V":
                out.println("telegram-mcp-server " + Version.current());
                return 0;
            case "--help", "-h":
                out.print(usage());
                return 0;
            case "--config":
                if (!rest.isEmpty()) {
                    return usageError("--config takes no arguments", err);
                }
                return ConfigReport.print(env, userHome, workingDir.toAbsolutePath(), out);
            case "--setup":
                return setup(rest, in, out, err, env, userHome, workingDir);
            case "--remove-approvals":
                return removeApprovals(rest, out, err, env, userHome, workingDir);
            case "--migrate-to":
                return MigrateTo.run(rest, ConfigFile.overlay(env, userHome, err), userHome, out, err);
            case "hook":
                return PermissionHook.run(rest, in, out, err, ConfigFile.overlay(env, userHome, err), userHome,
                        workingDir.toAbsolutePath());
            case StoreHost.COMMAND:
                return StoreHost.run(rest, err);
            default:
                return usageError("Unknown option: " + args[0], err);
        }
    }

    /** The settings as environment-style keys: the configuration file's values overlaid by the real environment. */
    public static Map<String, String> environment() {
        return ConfigFile.overlay(System.getenv(), System.getProperty("user.home"), System.err);
    }

    private static int setup(List<String> args, InputStream in, PrintStream out, PrintStream err,
            Map<String, String> env, String userHome, Path workingDir) {
        SetupOptions options;
        try {
            options = SetupOptions.parse(args);
        } catch (SetupOptions.UsageException e) {
            return usageError(e.getMessage(), err);
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        // Read the token without echo only when we really talk to a terminal.
        Console console = in == System.in ? System.console() : null;
        Prompter prompter = new Prompter(reader, out, console);
        try {
            SafeFiles.beginRun();
            new Wizard(options, env, userHome, workingDir.toAbsolutePath(), prompter, out).run();
            return 0;
        } catch (SetupException e) {
            out.flush();
            err.println("Setup stopped: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --remove-approvals [--client LIST] [--scope user|project]}: takes out the permission hooks, nothing else. */
    private static int removeApprovals(List<String> args, PrintStream out, PrintStream err, Map<String, String> env,
            String userHome, Path workingDir) {
        SetupOptions options;
        try {
            options = SetupOptions.parse(args);
        } catch (SetupOptions.UsageException e) {
            return usageError(e.getMessage(), err);
        }
        if (options.token().isPresent() || options.chatId().isPresent() || options.approvals().isPresent()) {
            return usageError("--remove-approvals takes only --client and --scope", err);
        }
        ClientSetup.Target target = new ClientSetup.Target(Path.of(ConfigFile.home(env, userHome)),
                workingDir.toAbsolutePath(), options.scope().orElse(ClientSetup.Scope.USER),
                LauncherCommand.resolve(env, options.command()), new Commands(env));
        List<String> chosen = options.clients().orElse(List.of("claude", "codex"));
        SafeFiles.beginRun();
        for (ClientSetup client : ClientSetup.all()) {
            if (!chosen.contains(client.id())) {
                continue;
            }
            try {
                for (String line : client.approvals(target, false, 0)) {
                    out.println(client.displayName() + ": " + line);
                }
            } catch (IOException e) {
                err.println(client.displayName() + ": " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    private static int usageError(String message, PrintStream err) {
        err.println(message);
        err.print(usage());
        return 2;
    }

    static String usage() {
        return """
                Usage: telegram-mcp-server [option]

                Without an option, runs the MCP server on stdin/stdout (this is what assistants start).

                Options:
                  --setup     set up the bot and your assistants step by step (safe to run again)
                  --config    show the effective configuration and where each value comes from
                  --remove-approvals [--client LIST] [--scope user|project]
                              send permission prompts back to the terminal (removes the hooks, nothing else)
                  --migrate-to postgresql://user@host:5432/database
                              copy this machine's state store (H2) into an empty PostgreSQL database, for
                              sessions on several machines (then set TELEGRAM_DATABASE_URL everywhere)
                  --version   print the version and exit
                  --help      print this text and exit

                Setup options (each answer given here is not asked; --yes asks nothing):
                  --token TOKEN        bot token from @BotFather ("-" reads it from stdin)
                  --chat-id ID         your chat id (otherwise found from a message you send the bot)
                  --client LIST        claude, codex, gemini (comma-separated) or none; default: those installed
                  --scope user|project register for all projects (default) or only the current directory
                  --yes                do not ask; use the values given, then saved ones, then defaults
                  --no-test-message    do not send the test message at the end
                  --command PATH       command the clients run (default: this launcher)
                  --wait SECONDS       how long to wait for your first message (default 180)
                  --approvals          send permission prompts to Telegram (Allow / Allow for this session /
                                       Deny); --yes does this too
                  --no-approvals       keep permission prompts in the terminal (removes the hooks)
                  --channel            push your messages into Claude Code while it is not waiting (Claude Code
                                       channels: start it with --dangerously-load-development-channels
                                       server:telegram; needs a claude.ai login); off unless given or chosen
                  --no-channel         keep your messages queued for the assistant's next wait (the default)

                Used by the assistants, not by people:
                  hook permission      the permission hook: reads Claude Code's or Codex's PermissionRequest
                                       JSON on stdin and prints the owner's decision

                Example for scripts:
                  telegram-mcp-server --setup --token 123456:ABC... --chat-id 123456789 \\
                      --client claude,codex,gemini --scope user --yes
                """;
    }
}
