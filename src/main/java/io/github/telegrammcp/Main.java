package io.github.telegrammcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.setup.Cli;
import io.github.telegrammcp.stdio.StdioGuard;
import io.github.telegrammcp.store.LoopbackServer;
import io.github.telegrammcp.store.StoreHostLauncher;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** Chooses between the command-line modes (setup, config, version, help) and the MCP stdio server. */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        if (args.length > 0) {
            System.exit(Cli.run(args, System.in, System.out, System.err));
        }
        Map<String, String> env = Cli.environment();
        prepareStateDirectory(env);
        // In H2 mode the database is hosted by a detached process unless the setting says otherwise (StateStoreDriver).
        StoreHostLauncher.configure(env.get(StoreHostLauncher.SETTING))
                .ifPresent(problem -> System.err.println("telegram-mcp-server: " + problem));
        // Before Quarkus: the stdio extension takes System.in and System.out when it starts.
        StdioGuard.install();
        LoopbackServer.apply();
        Quarkus.run(args);
    }

    /** Resolves the state directory before Quarkus reads its configuration, so the database URL is absolute. */
    private static void prepareStateDirectory(Map<String, String> env) {
        if (System.getProperty(StateDirectory.PROPERTY) != null) {
            return;
        }
        Path dir = StateDirectory.resolve(env, System.getProperty("user.home"));
        try {
            StateDirectory.ensureExists(dir);
        } catch (IOException e) {
            // The server still starts; the database error that follows names the directory.
            System.err.println("telegram-mcp-server: cannot create the state directory " + dir + ": " + e.getMessage()
                    + ". Set TELEGRAM_STATE_DIR to a writable directory.");
        }
        System.setProperty(StateDirectory.PROPERTY, dir.toString());
    }
}
