package io.github.telegrammcp.setup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Codex: {@code [mcp_servers.telegram]} in {@code ~/.codex/config.toml} with {@code tool_timeout_sec = 604800}. */
final class CodexSetup implements ClientSetup {

    static final String TABLE = "mcp_servers." + SERVER_NAME;

    @Override
    public String id() {
        return "codex";
    }

    @Override
    public String displayName() {
        return "Codex";
    }

    @Override
    public String executable() {
        return "codex";
    }

    static Path configFile(Target target) {
        String codexHome = target.commands().env().get("CODEX_HOME");
        Path dir = codexHome != null && !codexHome.isBlank() ? Path.of(codexHome) : target.home().resolve(".codex");
        return dir.resolve("config.toml");
    }

    @Override
    public List<String> apply(Target target) throws IOException {
        List<String> done = new ArrayList<>();
        if (target.scope() == Scope.PROJECT) {
            done.add("Codex reads MCP servers from its user configuration only, so it is registered there");
        }
        Path file = configFile(target);
        Map<String, String> wanted = wanted(target.command());
        if (missing(SafeFiles.read(file).orElse(""), wanted).isEmpty()) {
            done.add("server already registered with tool_timeout_sec = " + TIMEOUT_SECONDS + " in " + file);
            return done;
        }
        Optional<Path> cli = target.commands().find(executable());
        boolean commandRight = !missing(SafeFiles.read(file).orElse(""), wanted).containsKey("command");
        if (cli.isPresent() && !commandRight) {
            List<String> add = new ArrayList<>(List.of(cli.get().toString(), "mcp", "add", SERVER_NAME, "--"));
            add.addAll(target.command());
            Commands.Result result = target.commands().run(add, target.projectDir(), Duration.ofSeconds(60));
            done.add(result.ok() ? "registered with `codex mcp add` in " + file
                    : "`codex mcp add` failed (" + JsonClientFile.firstLine(result.output()) + "); editing " + file);
        }
        String text = SafeFiles.read(file).orElse("");
        Map<String, String> missing = missing(text, wanted);
        if (!missing.isEmpty()) {
            SafeFiles.write(file, TomlText.set(text, TABLE, missing), SafeFiles.PRIVATE, false);
            done.add(String.join(", ", missing.keySet()) + " set in [" + TABLE + "] of " + file);
        }
        return done;
    }

    /** Codex's user-level hooks file, beside its configuration. */
    static Path hooksFile(Target target) {
        return configFile(target).resolveSibling("hooks.json");
    }

    /**
     * The PermissionRequest hook in Codex's user-level {@code hooks.json} (project hooks load only in trusted projects).
     * Codex runs a hook only after the person trusted it ({@code /hooks} in Codex): the setup cannot do that for them.
     */
    @Override
    public List<String> approvals(Target target, boolean install, long hookTimeoutSeconds) throws IOException {
        Path hooks = hooksFile(target);
        boolean changed = ApprovalHooks.write(hooks, install, ApprovalHooks.command(target.command()),
                hookTimeoutSeconds, null);
        if (!install) {
            return List.of(changed ? "permission prompts stay in the terminal again (hook removed from " + hooks + ")"
                    : "no permission hook to remove in " + hooks);
        }
        return List.of((changed ? "permission prompts go to Telegram (PermissionRequest hook in "
                : "permission prompts already go to Telegram (PermissionRequest hook in ") + hooks + ")",
                "Codex runs a new or changed hook only after you trust it: start codex once and approve it under /hooks");
    }

    @Override
    public String approvalStatus(Target target) {
        try {
            return ApprovalHooks.installed(JsonClientFile.load(hooksFile(target)))
                    ? "permission prompts go to Telegram once trusted in Codex's /hooks (" + hooksFile(target) + ")"
                    : "permission prompts stay in the terminal (no hook; run --setup --approvals)";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Override
    public String status(Target target) {
        try {
            Path file = configFile(target);
            String text = SafeFiles.read(file).orElse("");
            if (TomlText.table(text, TABLE).isEmpty()) {
                return "not registered in " + file;
            }
            Map<String, String> missing = missing(text, wanted(target.command()));
            return (missing.isEmpty() ? "registered with tool_timeout_sec = " + TIMEOUT_SECONDS
                    : "registered, but " + String.join(", ", missing.keySet()) + " differ") + " in " + file;
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** The TOML values the table must have. */
    static Map<String, String> wanted(List<String> command) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("command", TomlText.quote(command.get(0)));
        values.put("args", command.subList(1, command.size()).stream().map(TomlText::quote)
                .collect(Collectors.joining(", ", "[", "]")));
        values.put("tool_timeout_sec", String.valueOf(TIMEOUT_SECONDS));
        return values;
    }

    /** The wanted keys whose value is absent or different. */
    static Map<String, String> missing(String text, Map<String, String> wanted) {
        Map<String, String> have = TomlText.table(text, TABLE).orElse(Map.of());
        Map<String, String> missing = new LinkedHashMap<>();
        wanted.forEach((key, value) -> {
            String current = have.get(key);
            boolean same;
            if (key.equals("args")) {
                same = current == null ? value.equals("[]") : current.replace(" ", "").equals(value.replace(" ", ""));
            } else if (key.equals("command")) {
                same = current != null && TomlText.unquoteValue(current).equals(TomlText.unquoteValue(value));
            } else {
                same = value.equals(current);
            }
            if (!same) {
                missing.put(key, value);
            }
        });
        return missing;
    }
}
