package io.github.telegrammcp.clients;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Codex against the model stand-in: {@code codex exec} with a custom model provider that speaks the Responses API at
 * the stand-in ({@code -c model_providers.standin=...}, nothing written to the user's config). The model is named
 * {@code gpt-5.5} so that Codex has metadata for it and offers MCP tools (through its tool search). Test-only options:
 * the telegram tools are approved without asking ({@code exec} cannot ask) and the server is {@code required}, so Codex
 * waits for it before the first model request.
 */
public final class CodexCli {

    private CodexCli() {
    }

    /** {@code codex exec [MORE] PROMPT} in the project, its output in {@code codex.out}. */
    public static ClientProcess exec(ClientWorld world, Map<String, String> extraEnv, String prompt,
            String... moreOptions) throws IOException {
        String provider = "{ name = \"Stand-in\", base_url = \"" + world.model().baseUrl()
                + "/v1\", env_key = \"STANDIN_API_KEY\", wire_api = \"responses\" }";
        List<String> command = new ArrayList<>(List.of(RealClients.require("codex").toString(), "exec",
                "--skip-git-repo-check", "-c", "model=\"gpt-5.5\"", "-c", "model_provider=\"standin\"",
                "-c", "model_providers.standin=" + provider,
                "-c", "mcp_servers.telegram.default_tools_approval_mode=\"approve\"",
                "-c", "mcp_servers.telegram.required=true"));
        command.addAll(List.of(moreOptions));
        command.add(prompt);
        Map<String, String> env = world.home().env();
        env.put("STANDIN_API_KEY", "stand-in-key");
        env.putAll(extraEnv);
        return world.closeAtEnd(ClientProcess.start(command, world.home().project(), env,
                world.workDir().resolve("codex.out")));
    }

    /**
     * Interactive {@code codex [MORE] PROMPT} in a terminal, in the project, against the stand-in, after trusting the
     * folder as a person does on the first start.
     */
    public static TmuxSession interactive(ClientWorld world, String prompt, String... moreOptions)
            throws IOException, InterruptedException {
        String provider = "{ name = \"Stand-in\", base_url = \"" + world.model().baseUrl()
                + "/v1\", env_key = \"STANDIN_API_KEY\", wire_api = \"responses\" }";
        List<String> command = new ArrayList<>(List.of(RealClients.require("codex").toString(), "--no-alt-screen",
                "-c", "model=\"gpt-5.5\"", "-c", "model_provider=\"standin\"",
                "-c", "model_providers.standin=" + provider,
                "-c", "mcp_servers.telegram.default_tools_approval_mode=\"approve\"",
                "-c", "mcp_servers.telegram.required=true"));
        command.addAll(List.of(moreOptions));
        command.add(prompt);
        Map<String, String> env = world.home().env();
        env.put("STANDIN_API_KEY", "stand-in-key");
        Path tmux = RealClients.requireOnPath("tmux");
        TmuxSession terminal = world.closeAtEnd(TmuxSession.start(tmux, world.workDir().resolve("terminal"),
                world.home().project(), env, command));
        // The first start asks whether to trust the folder (the git repository around it) and may offer a newer model:
        // a person trusts it and keeps the configured model.
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            String screen = terminal.screen();
            if (screen.contains("Trust this folder")) {
                terminal.type("");
            } else if (screen.contains("Use existing model")) {
                terminal.type("2");
            } else if (screen.toLowerCase(java.util.Locale.ROOT).contains("gpt-5.5 default")) {
                break;
            }
            Thread.sleep(500);
        }
        return terminal;
    }
}
