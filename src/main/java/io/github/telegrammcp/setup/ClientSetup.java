package io.github.telegrammcp.setup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Registers the server with one assistant's client and sets its tool timeout to seven days. */
interface ClientSetup {

    /** Seven days in seconds: the longest wait, and the tool timeout every client gets. */
    long TIMEOUT_SECONDS = 604800;

    /** The server's name in every client's configuration. */
    String SERVER_NAME = "telegram";

    /** Where and how to register. */
    record Target(Path home, Path projectDir, Scope scope, List<String> command, Commands commands) {
    }

    /** User-wide or only for the project in the working directory. */
    enum Scope {
        USER, PROJECT;

        String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Short id used on the command line: claude, codex, gemini. */
    String id();

    /** The client's name for people. */
    String displayName();

    /** The client's own command-line tool. */
    String executable();

    /** Brings the configuration to the wanted state; returns one line per thing done or found right. */
    List<String> apply(Target target) throws IOException;

    /** One line saying whether the configuration is right, for {@code --config}. */
    String status(Target target);

    /**
     * Installs (or removes) the permission hook that sends this client's permission prompts to the owner's phone;
     * returns one line per thing done or found right.
     *
     * @param hookTimeoutSeconds how long the client lets the hook run
     */
    default List<String> approvals(Target target, boolean install, long hookTimeoutSeconds) throws IOException {
        return List.of(install ? "cannot send its permission prompts to Telegram (see the README)" : "nothing to remove");
    }

    /** Whether the permission hook is installed, for {@code --config}. */
    default String approvalStatus(Target target) {
        return "no phone approvals";
    }

    /** The files a project-scope setup writes in the target's project; none when the client has no project scope. */
    default List<Path> projectFiles(Target target) {
        return List.of();
    }

    static List<ClientSetup> all() {
        return List.of(new ClaudeCodeSetup(), new CodexSetup(), new GeminiSetup());
    }
}
