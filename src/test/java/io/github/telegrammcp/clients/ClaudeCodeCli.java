package io.github.telegrammcp.clients;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claude Code against the model stand-in: headless ({@code claude -p}) or in a terminal. Claude Code reaches the
 * stand-in through {@code ANTHROPIC_BASE_URL} with a dummy API key, gets the MCP tools straight in its requests
 * ({@code ENABLE_TOOL_SEARCH=false}) and sends nothing else out. Tools run without asking when listed in
 * {@code --allowedTools} ({@code --dangerously-skip-permissions} is refused as root).
 */
public final class ClaudeCodeCli {

    /** A dummy key; Claude Code asks once whether to use a key from the environment (see ClientHome). */
    public static final String API_KEY = "sk-ant-api03-stand-in-0123456789abcdefghij";

    /** Our server's tools, allowed as a whole. */
    public static final String TELEGRAM_TOOLS = "mcp__telegram";

    private ClaudeCodeCli() {
    }

    /** The environment for Claude Code: the world's HOME and PATH, the stand-in, no telemetry or updates. */
    public static Map<String, String> env(ClientWorld world, Map<String, String> extra) {
        Map<String, String> env = world.home().env();
        env.put("ANTHROPIC_BASE_URL", world.model().baseUrl());
        env.put("ANTHROPIC_API_KEY", API_KEY);
        env.put("ENABLE_TOOL_SEARCH", "false");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.putAll(extra);
        return env;
    }

    /**
     * {@code claude -p PROMPT --allowedTools TOOLS [MORE]} in the project, its JSON event stream in {@code claude.out}.
     */
    public static ClientProcess headless(ClientWorld world, Map<String, String> extraEnv, String prompt,
            String allowedTools, String... moreOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(RealClients.require("claude").toString(), "-p", prompt,
                "--allowedTools", allowedTools, "--output-format", "stream-json", "--verbose"));
        command.addAll(List.of(moreOptions));
        Path output = world.workDir().resolve("claude.out");
        return world.closeAtEnd(ClientProcess.start(command, world.home().project(), env(world, extraEnv), output));
    }

    /**
     * Interactive {@code claude --allowedTools TOOLS} in a terminal, in the project, after accepting the prompts a
     * person answers on the first start (onboarding, folder trust, the API key).
     */
    public static TmuxSession interactive(ClientWorld world, Map<String, String> extraEnv, String allowedTools,
            String... moreOptions) throws IOException, InterruptedException {
        world.home().acceptClaudeCodePrompts(API_KEY);
        Path tmux = RealClients.requireOnPath("tmux");
        List<String> command = new ArrayList<>(List.of(RealClients.require("claude").toString(), "--allowedTools",
                allowedTools));
        command.addAll(List.of(moreOptions));
        return world.closeAtEnd(TmuxSession.start(tmux, world.workDir().resolve("terminal"), world.home().project(),
                env(world, extraEnv), command));
    }
}
