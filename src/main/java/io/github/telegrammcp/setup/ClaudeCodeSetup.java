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
 * Claude Code: the server in {@code ~/.claude.json} (user) or {@code .mcp.json} (project), and
 * {@code env.MCP_TOOL_TIMEOUT} in {@code ~/.claude/settings.json}, since Claude Code otherwise ends long tool calls.
 */
final class ClaudeCodeSetup implements ClientSetup {

    static final String TIMEOUT_MILLIS = String.valueOf(TIMEOUT_SECONDS * 1000);

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
        return target.home().resolve(".claude").resolve("settings.json");
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
        JsonNode timeout = JsonText.at(JsonClientFile.load(settings), "env", "MCP_TOOL_TIMEOUT");
        if (TIMEOUT_MILLIS.equals(timeout.asText(null))) {
            done.add("tool timeout already 7 days (MCP_TOOL_TIMEOUT in " + settings + ")");
        } else {
            JsonClientFile.set(settings, Map.of(List.of("env", "MCP_TOOL_TIMEOUT"),
                    JsonText.MAPPER.getNodeFactory().textNode(TIMEOUT_MILLIS)));
            done.add("tool timeout set to 7 days (MCP_TOOL_TIMEOUT=" + TIMEOUT_MILLIS + " in " + settings + ")");
        }
        return done;
    }

    @Override
    public String status(Target target) {
        try {
            boolean server = isRight(JsonText.at(JsonClientFile.load(serversFile(target)), "mcpServers", SERVER_NAME),
                    target.command());
            boolean timeout = TIMEOUT_MILLIS.equals(
                    JsonText.at(JsonClientFile.load(settingsFile(target)), "env", "MCP_TOOL_TIMEOUT").asText(null));
            return (server ? "registered" : "not registered") + " in " + serversFile(target) + "; tool timeout "
                    + (timeout ? "7 days" : "not set (MCP_TOOL_TIMEOUT)");
        } catch (IOException e) {
            return e.getMessage();
        }
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
