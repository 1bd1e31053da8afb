package io.github.telegrammcp.setup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Claude Code: the server in {@code ~/.claude.json} (user) or {@code .mcp.json} (project), and two variables in the
 * {@code env} of the same scope's settings ({@code ~/.claude/settings.json} or the project's
 * {@code .claude/settings.json}): {@code MCP_TOOL_TIMEOUT}, since Claude Code otherwise ends long tool calls, and
 * {@code CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS=0}, since interactive Claude Code otherwise moves an MCP call that runs
 * longer than two minutes to the background and hands its result back as a background-task notification. The
 * settings' {@code env} wins over the environment Claude Code was started with.
 */
final class ClaudeCodeSetup implements ClientSetup {

    static final String TIMEOUT_MILLIS = String.valueOf(TIMEOUT_SECONDS * 1000);

    /** Tool calls may run this long (ms) before Claude Code ends them. */
    static final String TOOL_TIMEOUT = "MCP_TOOL_TIMEOUT";

    /** After this many ms interactive Claude Code moves an MCP call to the background; 0 never does. */
    static final String AUTO_BACKGROUND = "CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS";

    @Override
    public String id() {
        return "claude";
    }

    @Override
    public String displayName() {
        return "Claude Code";
    }

    @Override
    public String executable() {
        return "claude";
    }

    static Path serversFile(Target target) {
        return target.scope() == Scope.USER ? target.home().resolve(".claude.json")
                : target.projectDir().resolve(".mcp.json");
    }

    static Path settingsFile(Target target) {
        Path dir = target.scope() == Scope.USER ? target.home() : target.projectDir();
        return dir.resolve(".claude").resolve("settings.json");
    }

    /** The settings' env members the server needs, in the order they are written. */
    static Map<String, String> wantedEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(TOOL_TIMEOUT, TIMEOUT_MILLIS);
        env.put(AUTO_BACKGROUND, "0");
        return env;
    }

    @Override
    public List<String> apply(Target target) throws IOException {
        List<String> done = new ArrayList<>();
        Path servers = serversFile(target);
        JsonNode entry = JsonText.at(JsonClientFile.load(servers), "mcpServers", SERVER_NAME);
        if (isRight(entry, target.command())) {
            done.add("server already registered in " + servers);
        } else {
            Optional<Path> cli = target.commands().find(executable());
            boolean registered = false;
            if (cli.isPresent()) {
                String scope = target.scope() == Scope.USER ? "user" : "project";
                if (!entry.isMissingNode()) {
                    target.commands().run(List.of(cli.get().toString(), "mcp", "remove", "--scope", scope, SERVER_NAME),
                            target.projectDir(), Duration.ofSeconds(60));
                }
                List<String> add = new ArrayList<>(List.of(cli.get().toString(), "mcp", "add", "--scope", scope,
                        SERVER_NAME, "--"));
                add.addAll(target.command());
                Commands.Result result = target.commands().run(add, target.projectDir(), Duration.ofSeconds(60));
                registered = isRight(JsonText.at(JsonClientFile.load(servers), "mcpServers", SERVER_NAME),
                        target.command());
                done.add(registered ? "registered with `claude mcp add --scope " + scope + "` in " + servers
                        : "`claude mcp add` did not register it (" + JsonClientFile.firstLine(result.output())
                                + "); editing " + servers + " instead");
            }
            if (!registered) {
                Map<List<String>, JsonNode> members = new LinkedHashMap<>();
                List<String> base = List.of("mcpServers", SERVER_NAME);
                members.put(path(base, "type"), JsonText.MAPPER.getNodeFactory().textNode("stdio"));
                members.put(path(base, "command"), JsonText.MAPPER.getNodeFactory().textNode(target.command().get(0)));
                members.put(path(base, "args"), JsonClientFile.array(target.command().subList(1, target.command().size())));
                JsonClientFile.set(servers, members);
                done.add("server written to " + servers);
            }
        }
        Path settings = settingsFile(target);
        JsonNode env = JsonText.at(JsonClientFile.load(settings), "env");
        Map<List<String>, JsonNode> missing = new LinkedHashMap<>();
        wantedEnv().forEach((name, value) -> {
            if (!isSet(env, name, value)) {
                missing.put(List.of("env", name), JsonText.MAPPER.getNodeFactory().textNode(value));
            }
        });
        if (!missing.isEmpty()) {
            JsonClientFile.set(settings, missing);
        }
        boolean timeoutSet = missing.containsKey(List.of("env", TOOL_TIMEOUT));
        done.add(timeoutSet ? "tool timeout set to 7 days (" + TOOL_TIMEOUT + "=" + TIMEOUT_MILLIS + " in " + settings + ")"
                : "tool timeout already 7 days (" + TOOL_TIMEOUT + " in " + settings + ")");
        boolean backgroundSet = missing.containsKey(List.of("env", AUTO_BACKGROUND));
        done.add(backgroundSet ? "long waits stay in the foreground (" + AUTO_BACKGROUND + "=0 in " + settings + ")"
                : "long waits already stay in the foreground (" + AUTO_BACKGROUND + "=0 in " + settings + ")");
        return done;
    }

    /** The rule that lets this server's own tools run without a prompt (they only talk to the owner). */
    static final String OWN_TOOLS = "mcp__" + SERVER_NAME;

    /**
     * The PermissionRequest hook in the scope's settings, and {@code permissions.allow} for this server's own tools: a
     * prompt for telegram_wait_reply would only ask the owner whether the assistant may ask the owner.
     */
    @Override
    public List<String> approvals(Target target, boolean install, long hookTimeoutSeconds) throws IOException {
        Path settings = settingsFile(target);
        String command = ApprovalHooks.command(target.command());
        List<String> done = new ArrayList<>();
        boolean hookChanged = ApprovalHooks.write(settings, install, command, hookTimeoutSeconds, "*");
        boolean allowChanged = ApprovalHooks.arrayEntry(settings, List.of("permissions", "allow"), OWN_TOOLS, install);
        if (install) {
            done.add((hookChanged ? "permission prompts go to Telegram (PermissionRequest hook in "
                    : "permission prompts already go to Telegram (PermissionRequest hook in ") + settings + ")");
            done.add((allowChanged ? "the telegram tools run without a prompt (" : "the telegram tools already run"
                    + " without a prompt (") + OWN_TOOLS + " in permissions.allow)");
        } else {
            done.add(hookChanged || allowChanged ? "permission prompts stay in the terminal again (hook and "
                    + OWN_TOOLS + " removed from " + settings + ")" : "no permission hook to remove in " + settings);
        }
        return done;
    }

    @Override
    public String approvalStatus(Target target) {
        try {
            return ApprovalHooks.installed(JsonClientFile.load(settingsFile(target)))
                    ? "permission prompts go to Telegram (" + settingsFile(target) + ")"
                    : "permission prompts stay in the terminal (no hook; run --setup --approvals)";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public String status(Target target) {
        try {
            boolean server = isRight(JsonText.at(JsonClientFile.load(serversFile(target)), "mcpServers", SERVER_NAME),
                    target.command());
            JsonNode env = JsonText.at(JsonClientFile.load(settingsFile(target)), "env");
            boolean timeout = isSet(env, TOOL_TIMEOUT, TIMEOUT_MILLIS);
            boolean foreground = isSet(env, AUTO_BACKGROUND, "0");
            return (server ? "registered" : "not registered") + " in " + serversFile(target) + "; tool timeout "
                    + (timeout ? "7 days" : "not set (" + TOOL_TIMEOUT + ")") + "; long waits "
                    + (foreground ? "stay in the foreground" : "may be moved to the background (" + AUTO_BACKGROUND
                            + " is not 0)")
                    + " (" + settingsFile(target) + ")";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public List<Path> projectFiles(Target target) {
        Target project = new Target(target.home(), target.projectDir(), Scope.PROJECT, target.command(), target.commands());
        return List.of(serversFile(project), settingsFile(project));
    }

    /** Claude Code reads the settings' env values as strings. */
    private static boolean isSet(JsonNode env, String name, String value) {
        return env.path(name).isTextual() && value.equals(env.path(name).asText());
    }

    static boolean isRight(JsonNode entry, List<String> command) {
        String type = entry.path("type").asText("stdio");
        return "stdio".equals(type) && command.get(0).equals(entry.path("command").asText(null))
                && JsonClientFile.sameArgs(entry.path("args"), command.subList(1, command.size()));
    }

    private static List<String> path(List<String> base, String name) {
        List<String> path = new ArrayList<>(base);
        path.add(name);
        return path;
    }
}
