package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * Claude Code's channel protocol, spoken by a scripted MCP client over the real server's stdio: the capability in the
 * initialize result, {@code notifications/claude/channel} for a session that is not waiting, a waiting session still
 * getting the message as its wait's result (never both), and the permission relay through the owner's Allow / Deny. (The real Claude Code 2.1.328 does not enable channels
 * against the model stand-in; see the README.)
 */
class ClaudeChannelIT {

    static final Duration SHORT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHANNEL = "notifications/claude/channel";

    @TempDir
    Path tmp;

    @Test
    void anIdleSessionGetsTheOwnersMessagesPushedOnceAndAWaitingOneAsTheWaitsResult() throws Exception {
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_CHANNEL", "on",
                    "TELEGRAM_INTERNAL_PROGRESS_SECONDS", "1");
            try (RawMcpProcess claude = new RawMcpProcess(Jar.path(), tmp.resolve("app"), env, "claude-code")) {
                JsonNode init = claude.received().stream().filter(m -> m.path("id").asLong() == 1).findFirst()
                        .orElseThrow().path("result");
                assertThat(init.path("capabilities").path("experimental").path("claude/channel").isObject()).isTrue();
                assertThat(init.path("instructions").asText()).contains("<channel source=\"telegram\"");

                // Not waiting: the message is pushed, with the meta Claude Code turns into the tag's attributes.
                Instant before = Instant.now().minusSeconds(1);
                fake.injectOwnerText("run the linter");
                JsonNode pushed = await(claude, channel("run the linter"));
                JsonNode meta = pushed.path("params").path("meta");
                assertThat(meta.path("chat_id").asText()).isEqualTo(Long.toString(FakeBotApi.OWNER_CHAT_ID));
                assertThat(meta.path("user").asText()).isEqualTo("owner");
                assertThat(meta.path("message_id").asText()).matches("\\d+");
                assertThat(Instant.parse(meta.path("ts").asText())).isAfter(before);
                meta.fieldNames().forEachRemaining(key -> assertThat(key).matches("[A-Za-z0-9_]+"));
                // Delivered when pushed: a wait does not get it again.
                assertThat(RawMcpProcess.text(claude.callTool("telegram_wait_reply", Map.of("max_wait", 3)).result()
                        .get(30, TimeUnit.SECONDS))).startsWith("No reply within");

                // Waiting: the wait's result carries the message, and nothing is pushed.
                long id = claude.nextId();
                CompletableFuture<JsonNode> wait = claude.expect(id);
                ObjectNode params = JSON.createObjectNode().put("name", "telegram_wait_reply");
                params.putObject("arguments").put("max_wait", 60);
                params.putObject("_meta").put("progressToken", "wait-1");
                claude.sendRaw((JSON.writeValueAsString(JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id)
                        .put("method", "tools/call").set("params", params)) + "\n").getBytes());
                await(claude, m -> "notifications/progress".equals(m.path("method").asText()));
                fake.injectOwnerText("deploy to staging");
                assertThat(RawMcpProcess.text(wait.get(30, TimeUnit.SECONDS)))
                        .isEqualTo(WaitTools.REPLY_INTRO + "deploy to staging");
                // Pushes keep the queue's order: once a later message is pushed, the earlier one never will be.
                fake.injectOwnerText("and then the docs");
                await(claude, channel("and then the docs"));
                assertThat(claude.received()).noneMatch(channel("deploy to staging"));
                assertThat(claude.notJson()).isEmpty();
            }
        }
    }

    @Test
    void permissionRequestsBecomeTheOwnersAllowOrDenyPrompt() throws Exception {
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_CHANNEL", "on");
            try (RawMcpProcess claude = new RawMcpProcess(Jar.path(), tmp.resolve("app"), env, "claude-code")) {
                JsonNode init = claude.received().stream().filter(m -> m.path("id").asLong() == 1).findFirst()
                        .orElseThrow().path("result");
                assertThat(init.path("capabilities").path("experimental").path("claude/channel/permission").isObject())
                        .isTrue();

                claude.notify("notifications/claude/channel/permission_request", JSON.createObjectNode()
                        .put("request_id", "abcde").put("tool_name", "Bash").put("description", "List the files")
                        .put("input_preview", "{\"command\":\"ls -la\"}"));
                press(fake, "ls -la", "✅ Allow");
                JsonNode allowed = await(claude, permission("abcde"));
                assertThat(allowed.path("params").path("behavior").asText()).isEqualTo("allow");

                claude.notify("notifications/claude/channel/permission_request", JSON.createObjectNode()
                        .put("request_id", "fghij").put("tool_name", "Bash").put("description", "Delete the build")
                        .put("input_preview", "{\"command\":\"rm -rf build\"}"));
                press(fake, "rm -rf build", "⛔ Deny");
                JsonNode denied = await(claude, permission("fghij"));
                assertThat(denied.path("params").path("behavior").asText()).isEqualTo("deny");
                assertThat(claude.received().stream().filter(m -> m.path("method").asText()
                        .equals("notifications/claude/channel/permission"))).hasSize(2);
                assertThat(claude.notJson()).isEmpty();
            }
        }
    }

    /** The owner presses the button labelled {@code label} under the prompt that shows {@code text}. */
    static void press(FakeBotApi fake, String text, String label) {
        SentMessage prompt = fake.awaitSentMessage(m -> m.rawText().contains(text) && !m.callbackData().isEmpty(),
                SHORT);
        int index = prompt.buttonTexts().indexOf(label);
        assertThat(index).as("buttons " + prompt.buttonTexts()).isNotNegative();
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, prompt.messageId(),
                prompt.callbackData().get(index));
    }

    static Predicate<JsonNode> permission(String requestId) {
        return m -> "notifications/claude/channel/permission".equals(m.path("method").asText())
                && requestId.equals(m.path("params").path("request_id").asText());
    }

    @Test
    void withChannelsOffNothingIsDeclaredOrPushed() throws Exception {
        nothingIsDeclaredOrPushed(Map.of(), "claude-code");
    }

    @Test
    void aClientOtherThanClaudeCodeGetsNoChannelEvenWithChannelsOn() throws Exception {
        // Another client would drop the pushes; a pushed message counts as delivered, so it would be lost.
        nothingIsDeclaredOrPushed(Map.of("TELEGRAM_CHANNEL", "on"), "codex-mcp-client");
    }

    private void nothingIsDeclaredOrPushed(Map<String, String> extra, String clientName) throws Exception {
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = new java.util.HashMap<>(McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state")));
            env.putAll(extra);
            try (RawMcpProcess client = new RawMcpProcess(Jar.path(), tmp.resolve("quiet"), env, clientName)) {
                JsonNode init = client.received().stream().filter(m -> m.path("id").asLong() == 1).findFirst()
                        .orElseThrow().path("result");
                assertThat(init.path("capabilities").path("experimental").has("claude/channel")).isFalse();
                fake.injectOwnerText("stays queued");
                fake.injectOwnerText("/status quiet");
                assertThat(fake.awaitSentMessage(m -> m.rawText().startsWith("<b>quiet</b>"), SHORT).rawText())
                        .contains("Queued messages: 1");
                assertThat(RawMcpProcess.text(client.callTool("telegram_wait_reply", Map.of("max_wait", 3)).result()
                        .get(30, TimeUnit.SECONDS))).isEqualTo(WaitTools.REPLY_INTRO + "stays queued");
                assertThat(client.received())
                        .noneMatch(m -> m.path("method").asText().startsWith("notifications/claude"));
            }
        }
    }

    static Predicate<JsonNode> channel(String content) {
        return m -> CHANNEL.equals(m.path("method").asText()) && content.equals(m.path("params").path("content")
                .asText());
    }

    static JsonNode await(RawMcpProcess process, Predicate<JsonNode> match) throws InterruptedException {
        long deadline = System.nanoTime() + SHORT.toNanos();
        while (true) {
            for (JsonNode m : process.received()) {
                if (match.test(m)) {
                    return m;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such message within " + SHORT + "; received: " + process.received());
            }
            Thread.sleep(50);
        }
    }
}
