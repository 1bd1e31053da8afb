package io.github.telegrammcp.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.config.ConfigFile;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

class WizardTest {

    private static final String LAUNCHER = "/opt/telegram mcp/bin/telegram-mcp-server";

    @TempDir
    Path home;

    private FakeBotApi telegram;
    private Path project;
    private Map<String, String> env;

    @BeforeEach
    void start() throws IOException {
        telegram = new FakeBotApi().start();
        project = Files.createDirectories(home.resolve("my project"));
        env = Map.of("TELEGRAM_API_URL", telegram.baseUrl());
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    @Test
    void scriptFormFindsTheChatSavesSecretsPrivatelyAndConfiguresEveryClient() throws IOException {
        telegram.injectOwnerText("/start");

        SetupRun run = setup("--token", FakeBotApi.TOKEN, "--client", "claude,codex,gemini", "--scope", "user", "--yes",
                "--wait", "5", "--command", LAUNCHER);

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("@" + FakeBotApi.BOT_USERNAME).contains("chat id " + FakeBotApi.OWNER_CHAT_ID);
        Path config = home.resolve(".config/telegram-mcp-server/config.properties");
        assertThat(ConfigFile.read(config)).containsEntry("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN)
                .containsEntry("TELEGRAM_CHAT_ID", "1001");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");

        String claude = Files.readString(home.resolve(".claude.json"));
        assertThat(JsonText.at(JsonText.parse(claude), "mcpServers", "telegram", "command").asText()).isEqualTo(LAUNCHER);
        JsonNode claudeEnv = JsonText.at(JsonText.parse(Files.readString(home.resolve(".claude/settings.json"))), "env");
        assertThat(claudeEnv.path("MCP_TOOL_TIMEOUT").asText()).isEqualTo("604800000");
        assertThat(claudeEnv.path("CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS").isTextual()).isTrue();
        assertThat(claudeEnv.path("CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS").asText()).isEqualTo("0");
        assertThat(run.out).contains("CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS=0");
        assertThat(TomlText.table(Files.readString(home.resolve(".codex/config.toml")), "mcp_servers.telegram"))
                .hasValueSatisfying(table -> assertThat(table).containsEntry("command", "\"" + LAUNCHER + "\"")
                        .containsEntry("tool_timeout_sec", "604800"));
        assertThat(JsonText.at(JsonText.parse(Files.readString(home.resolve(".gemini/settings.json"))), "mcpServers",
                "telegram", "timeout").asLong()).isEqualTo(604800000L);

        SentMessage test = telegram.awaitSentMessage(m -> m.chatId() == FakeBotApi.OWNER_CHAT_ID, Duration.ofSeconds(5));
        assertThat(test.visibleText()).contains("set up");
        // The client configurations carry no secret.
        for (Path file : List.of(home.resolve(".claude.json"), home.resolve(".codex/config.toml"),
                home.resolve(".gemini/settings.json"))) {
            assertThat(Files.readString(file)).doesNotContain(FakeBotApi.TOKEN);
        }
    }

    @Test
    void aSecondRunChangesNothing() throws IOException {
        String[] args = { "--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude,codex,gemini", "--yes",
                "--no-test-message", "--command", LAUNCHER };
        assertThat(setup(args).exitCode).isZero();
        Map<Path, String> before = snapshot();

        SetupRun again = setup(args);

        assertThat(again.exitCode).as(again.toString()).isZero();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(again.out).contains("already");
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(p -> p.toString().endsWith(".bak"))).isEmpty();
        }
    }

    @Test
    void keepsTheUsersOtherSettingsAndBacksUpWhatItChanges() throws IOException {
        Files.createDirectories(home.resolve(".codex"));
        Files.writeString(home.resolve(".codex/config.toml"), "# my settings\nmodel = \"o3\"\n");
        Files.createDirectories(home.resolve(".gemini"));
        Files.writeString(home.resolve(".gemini/settings.json"), "{\n  // mine\n  \"theme\": \"Dracula\"\n}\n");
        Files.writeString(home.resolve(".claude.json"),
                "{\"numStartups\": 3, \"mcpServers\": {\"git\": {\"command\": \"g\"}}}");

        SetupRun run = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude,codex,gemini",
                "--yes", "--no-test-message", "--command", LAUNCHER);

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(Files.readString(home.resolve(".codex/config.toml"))).startsWith("# my settings\nmodel = \"o3\"\n");
        assertThat(Files.readString(home.resolve(".codex/config.toml.bak"))).isEqualTo("# my settings\nmodel = \"o3\"\n");
        assertThat(Files.readString(home.resolve(".gemini/settings.json"))).contains("// mine").contains("\"Dracula\"");
        String claude = Files.readString(home.resolve(".claude.json"));
        assertThat(JsonText.parse(claude).path("numStartups").asInt()).isEqualTo(3);
        assertThat(JsonText.at(JsonText.parse(claude), "mcpServers", "git", "command").asText()).isEqualTo("g");
    }

    @Test
    void projectScopeWritesTheProjectsFiles() throws IOException {
        SetupRun run = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude,gemini", "--scope",
                "project", "--yes", "--no-test-message", "--command", LAUNCHER);

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(JsonText.at(JsonText.parse(Files.readString(project.resolve(".mcp.json"))), "mcpServers", "telegram",
                "command").asText()).isEqualTo(LAUNCHER);
        assertThat(project.resolve(".gemini/settings.json")).exists();
        assertThat(home.resolve(".claude.json")).doesNotExist();
        // Claude Code reads env from the project's .claude/settings.json too (in a trusted folder).
        JsonNode claudeEnv = JsonText.at(JsonText.parse(Files.readString(project.resolve(".claude/settings.json"))),
                "env");
        assertThat(claudeEnv.path("MCP_TOOL_TIMEOUT").asText()).isEqualTo("604800000");
        assertThat(claudeEnv.path("CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS").asText()).isEqualTo("0");
        assertThat(home.resolve(".claude/settings.json")).doesNotExist();

        SetupRun config = SetupRun.run(home, project, env, "", "--config");
        assertThat(config.out).containsPattern("Claude Code, this project: .*registered in .*"
                + "; tool timeout 7 days; long waits stay in the foreground");
    }

    @Test
    void addsTheForegroundSettingNextToAnEarlierTimeoutAndKeepsTheRest() throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/settings.json"), "{\n  \"model\": \"opus\",\n  \"env\": {\n"
                + "    \"MCP_TOOL_TIMEOUT\": \"604800000\",\n    \"FOO\": \"bar\"\n  }\n}\n");

        SetupRun run = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--yes",
                "--no-test-message", "--command", LAUNCHER);

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("tool timeout already 7 days")
                .contains("long waits stay in the foreground (CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS=0");
        JsonNode settings = JsonText.parse(Files.readString(home.resolve(".claude/settings.json")));
        assertThat(settings.path("model").asText()).isEqualTo("opus");
        assertThat(settings.path("env").path("FOO").asText()).isEqualTo("bar");
        assertThat(settings.path("env").path("CLAUDE_CODE_MCP_AUTO_BACKGROUND_MS").asText()).isEqualTo("0");

        SetupRun config = SetupRun.run(home, project, env, "", "--config");
        assertThat(config.out).contains("tool timeout 7 days; long waits stay in the foreground");
    }

    @Test
    void approvalsGoToTelegramWithYesAndAreInstalledOnceBesideTheUsersOwnHooks() throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/settings.json"), """
                {
                  // mine
                  "hooks": {"PermissionRequest": [{"matcher": "Read", "hooks": [{"type": "command", "command": "audit"}]}]},
                  "permissions": {"allow": ["Bash(npm test:*)"]}
                }
                """);
        String[] args = { "--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude,codex", "--yes",
                "--no-test-message", "--command", LAUNCHER };

        SetupRun run = setup(args);

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Claude Code: permission prompts go to Telegram").contains("approve it under /hooks");
        JsonNode settings = JsonText.parse(Files.readString(home.resolve(".claude/settings.json")));
        JsonNode groups = JsonText.at(settings, "hooks", "PermissionRequest");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).path("hooks").get(0).path("command").asText()).isEqualTo("audit");
        JsonNode ours = groups.get(1).path("hooks").get(0);
        assertThat(ours.path("command").asText()).isEqualTo("'" + LAUNCHER + "' hook permission");
        assertThat(ours.path("timeout").asLong()).isEqualTo(660);
        assertThat(groups.get(1).path("matcher").asText()).isEqualTo("*");
        assertThat(JsonText.at(settings, "permissions", "allow").toString())
                .isEqualTo("[\"Bash(npm test:*)\",\"mcp__telegram\"]");
        assertThat(Files.readString(home.resolve(".claude/settings.json"))).contains("// mine");
        JsonNode codex = JsonText.parse(Files.readString(home.resolve(".codex/hooks.json")));
        assertThat(JsonText.at(codex, "hooks", "PermissionRequest").get(0).has("matcher")).isFalse();

        Map<Path, String> before = snapshot();
        assertThat(setup(args).exitCode).isZero();
        assertThat(snapshot()).as("a second run changes nothing").isEqualTo(before);
    }

    @Test
    void noApprovalsAndRemoveApprovalsTakeOutOnlyOurEntries() throws IOException {
        String[] args = { "--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude,codex", "--yes",
                "--no-test-message", "--command", LAUNCHER };
        assertThat(setup(args).exitCode).isZero();
        Path settings = home.resolve(".claude/settings.json");
        String withMine = Files.readString(settings).replace("\"permissions\": {",
                "\"model\": \"opus\",\n  \"permissions\": {");
        Files.writeString(settings, withMine);

        SetupRun removed = SetupRun.run(home, project, env, "", "--remove-approvals");

        assertThat(removed.exitCode).as(removed.toString()).isZero();
        assertThat(removed.out).contains("Claude Code: permission prompts stay in the terminal again")
                .contains("Codex: permission prompts stay in the terminal again");
        JsonNode after = JsonText.parse(Files.readString(settings));
        assertThat(JsonText.at(after, "hooks", "PermissionRequest")).isEmpty();
        assertThat(JsonText.at(after, "permissions", "allow")).isEmpty();
        assertThat(after.path("model").asText()).isEqualTo("opus");
        assertThat(JsonText.at(JsonText.parse(Files.readString(home.resolve(".codex/hooks.json"))), "hooks",
                "PermissionRequest")).isEmpty();
        assertThat(SetupRun.run(home, project, env, "", "--remove-approvals").out).contains("no permission hook to remove");

        SetupRun again = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--yes",
                "--no-test-message", "--command", LAUNCHER, "--approvals");
        assertThat(again.out).contains("permission prompts go to Telegram");
        SetupRun off = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--yes",
                "--no-test-message", "--command", LAUNCHER, "--no-approvals");
        assertThat(off.out).contains("permission prompts stay in the terminal again");
        assertThat(JsonText.at(JsonText.parse(Files.readString(settings)), "hooks", "PermissionRequest")).isEmpty();
    }

    @Test
    void theHookTimeoutFollowsTheApprovalTimeout() throws IOException {
        env = Map.of("TELEGRAM_API_URL", telegram.baseUrl(), "TELEGRAM_APPROVAL_TIMEOUT", "120");

        assertThat(setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--yes",
                "--no-test-message", "--command", LAUNCHER).exitCode).isZero();

        JsonNode hook = JsonText.at(JsonText.parse(Files.readString(home.resolve(".claude/settings.json"))), "hooks",
                "PermissionRequest").get(0).path("hooks").get(0);
        assertThat(hook.path("timeout").asLong()).isEqualTo(180);
    }

    @Test
    void projectScopeApprovalsGoInTheProjectsSettingsAndComeOutAlone() throws IOException {
        assertThat(setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude,codex", "--scope",
                "user", "--yes", "--no-test-message", "--command", LAUNCHER).exitCode).isZero();

        SetupRun run = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--scope",
                "project", "--approvals", "--yes", "--no-test-message", "--command", LAUNCHER);

        assertThat(run.exitCode).as(run.toString()).isZero();
        Path projectSettings = project.resolve(".claude/settings.json");
        Path userSettings = home.resolve(".claude/settings.json");
        assertThat(run.out).contains("permission prompts go to Telegram (PermissionRequest hook in " + projectSettings);
        JsonNode ours = JsonText.at(JsonText.parse(Files.readString(projectSettings)), "hooks", "PermissionRequest")
                .get(0).path("hooks").get(0);
        assertThat(ours.path("command").asText()).isEqualTo("'" + LAUNCHER + "' hook permission");
        assertThat(JsonText.at(JsonText.parse(Files.readString(projectSettings)), "permissions", "allow").toString())
                .isEqualTo("[\"mcp__telegram\"]");
        assertThat(SetupRun.run(home, project, env, "", "--config").out)
                .contains("Claude Code, approvals: permission prompts go to Telegram (" + userSettings + ")");

        SetupRun removed = SetupRun.run(home, project, env, "", "--remove-approvals", "--client", "claude", "--scope",
                "project");

        assertThat(removed.exitCode).as(removed.toString()).isZero();
        assertThat(removed.out).contains("Claude Code: permission prompts stay in the terminal again")
                .contains(projectSettings.toString());
        assertThat(JsonText.at(JsonText.parse(Files.readString(projectSettings)), "hooks", "PermissionRequest"))
                .isEmpty();
        assertThat(JsonText.at(JsonText.parse(Files.readString(userSettings)), "hooks", "PermissionRequest"))
                .as("the user scope's hook stays").hasSize(1);
        assertThat(JsonText.at(JsonText.parse(Files.readString(home.resolve(".codex/hooks.json"))), "hooks",
                "PermissionRequest")).as("--client claude leaves Codex alone").hasSize(1);
    }

    @Test
    void removeApprovalsRefusesSetupOptionsAndConfigSaysWhenNoHookIsThere() throws IOException {
        SetupRun refused = SetupRun.run(home, project, env, "", "--remove-approvals", "--token", FakeBotApi.TOKEN);

        assertThat(refused.exitCode).isEqualTo(2);
        assertThat(refused.err).contains("--remove-approvals takes only --client and --scope")
                .doesNotContain(FakeBotApi.TOKEN);
        assertThat(setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude,codex", "--yes",
                "--no-approvals", "--no-test-message", "--command", LAUNCHER).exitCode).isZero();
        assertThat(SetupRun.run(home, project, env, "", "--config").out)
                .contains("Claude Code, approvals: permission prompts stay in the terminal (no hook; run --setup"
                        + " --approvals)")
                .contains("Gemini CLI, approvals: permission prompts stay in the terminal (Gemini CLI's hooks cannot"
                        + " approve)");
    }

    @Test
    void theWizardsYesInstallsTheHook() throws IOException {
        telegram.injectOwnerText("/start");
        String answers = String.join("\n", FakeBotApi.TOKEN, "y", "codex", "user", "y") + "\n";

        SetupRun run = SetupRun.run(home, project, Map.of("TELEGRAM_API_URL", telegram.baseUrl(),
                "TELEGRAM_MCP_LAUNCHER", ""), answers, "--setup", "--command", LAUNCHER, "--wait", "5");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Codex runs a new or changed hook only after you trust it");
        JsonNode hook = JsonText.at(JsonText.parse(Files.readString(home.resolve(".codex/hooks.json"))), "hooks",
                "PermissionRequest").get(0).path("hooks").get(0);
        assertThat(hook.path("command").asText()).isEqualTo("'" + LAUNCHER + "' hook permission");
        assertThat(hook.path("timeout").asLong()).isEqualTo(660);
    }

    @Test
    void claudeCodeChannelsStayOffWithYesAndFollowTheOptions() throws IOException {
        Path config = home.resolve(".config/telegram-mcp-server/config.properties");
        SetupRun plain = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--yes",
                "--no-test-message", "--command", LAUNCHER);
        assertThat(plain.exitCode).as(plain.toString()).isZero();
        assertThat(ConfigFile.read(config)).doesNotContainKey("TELEGRAM_CHANNEL");

        SetupRun on = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--yes",
                "--no-test-message", "--command", LAUNCHER, "--channel");
        assertThat(on.exitCode).as(on.toString()).isZero();
        assertThat(ConfigFile.read(config)).containsEntry("TELEGRAM_CHANNEL", "on");
        assertThat(on.out).contains("claude --dangerously-load-development-channels server:telegram");

        SetupRun off = setup("--token", FakeBotApi.TOKEN, "--chat-id", "1001", "--client", "claude", "--yes",
                "--no-test-message", "--command", LAUNCHER, "--no-channel");
        assertThat(off.exitCode).as(off.toString()).isZero();
        assertThat(ConfigFile.read(config)).containsEntry("TELEGRAM_CHANNEL", "off")
                .containsEntry("TELEGRAM_CHAT_ID", "1001");
    }

    @Test
    void theWizardAsksAboutChannelsWhenClaudeCodeIsSetUpAndSaysWhatItCosts() throws IOException {
        telegram.injectOwnerText("/start");
        String answers = String.join("\n", FakeBotApi.TOKEN, "y", "claude", "user", "n", "y") + "\n";

        SetupRun run = SetupRun.run(home, project, Map.of("TELEGRAM_API_URL", telegram.baseUrl(),
                "TELEGRAM_MCP_LAUNCHER", ""), answers, "--setup", "--command", LAUNCHER, "--wait", "5",
                "--no-test-message");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("A message pushed while Claude Code does not listen is lost.")
                .contains("Push your messages into idle Claude Code sessions?");
        assertThat(ConfigFile.read(home.resolve(".config/telegram-mcp-server/config.properties")))
                .containsEntry("TELEGRAM_CHANNEL", "on");
    }

    @Test
    void neverPrintsTheToken() {
        telegram.injectOwnerText("hello");
        SetupRun run = setup("--token", FakeBotApi.TOKEN, "--client", "none", "--yes", "--wait", "5");
        SetupRun config = SetupRun.run(home, project, env, "", "--config");

        assertThat(run.exitCode).as(run.toString()).isZero();
        String secret = FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1);
        assertThat(run.all()).doesNotContain(secret);
        assertThat(config.all()).doesNotContain(secret).contains("123456789:***");
    }

    @Test
    void aRejectedTokenStopsTheSetupWithAHint() {
        SetupRun run = setup("--token", "123456789:AAWrongTokenWrongTokenWrongToken_xx", "--yes");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("rejected").contains("@BotFather").doesNotContain("AAWrongToken");
        assertThat(home.resolve(".config/telegram-mcp-server/config.properties")).doesNotExist();
    }

    @Test
    void aRunningSessionsLeaseMeansNoGetUpdatesAndAManualChatId() throws Exception {
        Path state = home.resolve("state");
        holdLease(state, System.currentTimeMillis() + 60_000);
        Map<String, String> withState = Map.of("TELEGRAM_API_URL", telegram.baseUrl(), "TELEGRAM_STATE_DIR",
                state.toString());

        SetupRun run = SetupRun.run(home, project, withState, "4242\n", "--setup", "--token", FakeBotApi.TOKEN,
                "--client", "none", "--no-test-message");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("session is running");
        assertThat(telegram.calls("getUpdates")).isEmpty();
        assertThat(ConfigFile.read(home.resolve(".config/telegram-mcp-server/config.properties")))
                .containsEntry("TELEGRAM_CHAT_ID", "4242");
    }

    @Test
    void anExpiredLeaseDoesNotStopTheSearch() throws Exception {
        Path state = home.resolve("state");
        holdLease(state, System.currentTimeMillis() - 1);
        telegram.injectOwnerText("/start");
        Map<String, String> withState = Map.of("TELEGRAM_API_URL", telegram.baseUrl(), "TELEGRAM_STATE_DIR",
                state.toString());

        SetupRun run = SetupRun.run(home, project, withState, "", "--setup", "--token", FakeBotApi.TOKEN, "--client",
                "none", "--no-test-message", "--yes", "--wait", "5");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("chat id 1001");
    }

    @Test
    void aConflictFromGetUpdatesLeadsToManualEntry() throws IOException {
        telegram.failNext("getUpdates", 409, "Conflict: terminated by other getUpdates request");

        SetupRun run = SetupRun.run(home, project, env, "1001\n", "--setup", "--token", FakeBotApi.TOKEN, "--client",
                "none", "--no-test-message");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("409 Conflict");
        assertThat(ConfigFile.read(home.resolve(".config/telegram-mcp-server/config.properties")))
                .containsEntry("TELEGRAM_CHAT_ID", "1001");
    }

    @Test
    void scriptsWithoutAChatIdFailWhenNoMessageArrives() {
        SetupRun run = setup("--token", FakeBotApi.TOKEN, "--client", "none", "--yes", "--wait", "1");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("--chat-id");
    }

    @Test
    void interactiveRunAsksEachQuestionInTurn() throws IOException {
        telegram.injectOwnerText("/start");
        String answers = String.join("\n", FakeBotApi.TOKEN, "y", "codex", "user", "n") + "\n";

        SetupRun run = SetupRun.run(home, project, Map.of("TELEGRAM_API_URL", telegram.baseUrl(),
                "TELEGRAM_MCP_LAUNCHER", ""), answers, "--setup", "--command", LAUNCHER, "--wait", "5");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).contains("Is that you?").contains("Configure which clients").contains("Codex:")
                .contains("Answer permission prompts from Telegram?");
        assertThat(home.resolve(".codex/hooks.json")).doesNotExist();
        assertThat(home.resolve(".codex/config.toml")).exists();
        assertThat(home.resolve(".claude.json")).doesNotExist();
    }

    @Test
    void theEndOfInputStopsAnInteractiveRunCleanly() {
        SetupRun run = SetupRun.run(home, project, env, "", "--setup");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("--yes");
    }

    private SetupRun setup(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "--setup";
        System.arraycopy(args, 0, all, 1, args.length);
        return SetupRun.run(home, project, env, "", all);
    }

    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(home)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(file, Files.readString(file) + Files.getLastModifiedTime(file));
            }
        }
        return files;
    }

    /** A state store as a running server leaves it while it polls. */
    private static void holdLease(Path state, long until) throws SQLException, IOException {
        Files.createDirectories(state);
        Properties credentials = new Properties();
        credentials.setProperty("user", "tgmcp");
        credentials.setProperty("password", "");
        try (Connection connection = new org.h2.Driver().connect("jdbc:h2:file:" + state.resolve("state"), credentials);
                Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE poll_state (id INT PRIMARY KEY, update_offset BIGINT, lease_owner VARCHAR(200),"
                    + " lease_until BIGINT)");
            sql.execute("INSERT INTO poll_state VALUES (1, 0, 'other-process', " + until + ")");
        }
    }
}
