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

/** Gemini CLI: {@code mcpServers.telegram} in {@code ~/.gemini/settings.json} (or the project's) with a 7-day timeout. */
final class GeminiSetup implements ClientSetup {

    static final long TIMEOUT_MILLIS = TIMEOUT_SECONDS * 1000;

    @Override
    public String id() {
        return "gemini";
    }

    @Override
    public String displayName() {
        return "Gemini CLI";
    }

    @Override
    public String executable() {
        return "gemini";
    }

    static Path settingsFile(Target target) {
        Path dir = target.scope() == Scope.USER ? target.home() : target.projectDir();
        return dir.resolve(".gemini").resolve("settings.json");
    }

    @Override
    public List<String> apply(Target target) throws IOException {
        List<String> done = new ArrayList<>();
        Path file = settingsFile(target);
        if (isRight(entry(file), target.command())) {
            done.add("server already registered with a 7-day timeout in " + file);
            return done;
        }
        Optional<Path> cli = target.commands().find(executable());
        if (cli.isPresent()) {
            List<String> add = new ArrayList<>(List.of(cli.get().toString(), "mcp", "add", "--scope",
                    target.scope().cliName(), "--timeout", String.valueOf(TIMEOUT_MILLIS), SERVER_NAME));
            add.addAll(target.command());
            Commands.Result result = target.commands().run(add, target.projectDir(), Duration.ofSeconds(60));
            if (isRight(entry(file), target.command())) {
                done.add("registered with `gemini mcp add --scope " + target.scope().cliName() + " --timeout "
                        + TIMEOUT_MILLIS + "` in " + file);
                return done;
            }
            done.add("`gemini mcp add` did not register it (" + JsonClientFile.firstLine(result.output())
                    + "); editing " + file + " instead");
        }
        Map<List<String>, JsonNode> members = new LinkedHashMap<>();
        members.put(List.of("mcpServers", SERVER_NAME, "command"),
                JsonText.MAPPER.getNodeFactory().textNode(target.command().get(0)));
        members.put(List.of("mcpServers", SERVER_NAME, "args"),
                JsonClientFile.array(target.command().subList(1, target.command().size())));
        members.put(List.of("mcpServers", SERVER_NAME, "timeout"),
                JsonText.MAPPER.getNodeFactory().numberNode(TIMEOUT_MILLIS));
        JsonClientFile.set(file, members);
        done.add("server with a 7-day timeout written to " + file);
        return done;
    }

    /**
     * Gemini CLI 0.61.0's hooks cannot approve: a BeforeTool hook may refuse a call or force the terminal prompt, but
     * the policy check after it still asks (or, headless, refuses). So nothing is installed; prompts stay in the
     * terminal.
     */
    @Override
    public List<String> approvals(Target target, boolean install, long hookTimeoutSeconds) {
        return List.of(install ? "permission prompts stay in the terminal: Gemini CLI's hooks can refuse a tool call but"
                + " not approve one" : "nothing to remove");
    }

    @Override
    public String approvalStatus(Target target) {
        return "permission prompts stay in the terminal (Gemini CLI's hooks cannot approve)";
    }

    @Override
    public String status(Target target) {
        try {
            JsonNode entry = entry(settingsFile(target));
            if (entry.isMissingNode()) {
                return "not registered in " + settingsFile(target);
            }
            return (isRight(entry, target.command()) ? "registered with a 7-day timeout" : "registered differently")
                    + " in " + settingsFile(target);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public List<Path> projectFiles(Target target) {
        return List.of(target.projectDir().resolve(".gemini").resolve("settings.json"));
    }

    private static JsonNode entry(Path file) throws IOException {
        return JsonText.at(JsonClientFile.load(file), "mcpServers", SERVER_NAME);
    }

    static boolean isRight(JsonNode entry, List<String> command) {
        return command.get(0).equals(entry.path("command").asText(null))
                && JsonClientFile.sameArgs(entry.path("args"), command.subList(1, command.size()))
                && entry.path("timeout").asLong(0) == TIMEOUT_MILLIS;
    }
}
