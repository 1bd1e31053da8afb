package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.modelcontextprotocol.spec.McpSchema;

/** A server with missing or invalid settings still answers MCP, and every tool says what to fix. */
class ConfigErrorsIT {

    @TempDir
    Path tmp;

    @Test
    void missingTokenAndChatIdAreReportedByEveryTool() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.resolve("home").toString());
        env.put("TELEGRAM_STATE_DIR", tmp.resolve("state").toString());
        try (McpServerProcess server = new McpServerProcess(Jar.path(), tmp.resolve("proj"), env)) {
            assertThat(server.client().listTools().tools()).hasSizeGreaterThanOrEqualTo(5);
            for (String tool : new String[] { "telegram_notify", "telegram_send", "telegram_wait_reply",
                    "telegram_unattended_mode", "telegram_get_context_info" }) {
                McpSchema.CallToolResult result = server.call(tool, Map.of("event", "completed", "summary", "x",
                        "message", "x", "current_status", "x", "max_wait", 1));
                assertThat(result.isError()).as(tool).isTrue();
                assertThat(McpServerProcess.text(result)).as(tool).contains("TELEGRAM_BOT_TOKEN is missing")
                        .contains("TELEGRAM_CHAT_ID is missing").contains("--setup");
            }
        }
    }

    @Test
    void invalidValuesAreReportedWithTheSettingName() throws Exception {
        Map<String, String> env = McpServerProcess.env("http://127.0.0.1:9", "123456789:AAFakeTokenForTestsOnly_abcdefghijk",
                1001, tmp.resolve("state"), "TELEGRAM_POLL_INTERVAL", "abc", "TELEGRAM_MAX_WAIT", "-5");
        try (McpServerProcess server = new McpServerProcess(Jar.path(), tmp.resolve("proj"), env)) {
            McpSchema.CallToolResult result = server.call("telegram_wait_reply", Map.of("max_wait", 1));
            assertThat(result.isError()).isTrue();
            assertThat(McpServerProcess.text(result)).contains("TELEGRAM_POLL_INTERVAL must look like 30,60,120")
                    .contains("TELEGRAM_MAX_WAIT must be between 1 and 604800");
        }
    }

    @Test
    void wrongArgumentsGetAClearError() throws Exception {
        Map<String, String> env = McpServerProcess.env("http://127.0.0.1:9", "123456789:AAFakeTokenForTestsOnly_abcdefghijk",
                1001, tmp.resolve("state"));
        try (McpServerProcess server = new McpServerProcess(Jar.path(), tmp.resolve("proj"), env)) {
            McpSchema.CallToolResult tooLong = server.call("telegram_notify", Map.of("event", "completed", "summary",
                    "y".repeat(300)));
            assertThat(tooLong.isError()).isTrue();
            assertThat(McpServerProcess.text(tooLong)).contains("summary is 300 characters");
            McpSchema.CallToolResult badWait = server.call("telegram_wait_reply", Map.of("max_wait", 0));
            assertThat(McpServerProcess.text(badWait)).contains("max_wait must be a whole number from 1 to 604800");
            // Numbers are checked as sent, never wrapped to 32 or 64 bits (4294967299 used to wait 3 s).
            McpSchema.CallToolResult wrapped = server.call("telegram_wait_reply", Map.of("max_wait", 4294967299L));
            assertThat(wrapped.isError()).isTrue();
            assertThat(McpServerProcess.text(wrapped)).contains("got 4294967299.");
            assertThat(McpServerProcess.text(server.call("telegram_unattended_mode", Map.of("current_status", "x",
                    "max_wait", 1_000_000_000_000L)))).contains("got 1000000000000.");
            McpSchema.CallToolResult huge = server.call("telegram_get_context_info", Map.of("token_used",
                    java.math.BigInteger.TWO.pow(64).add(java.math.BigInteger.valueOf(5))));
            assertThat(huge.isError()).isTrue();
            assertThat(McpServerProcess.text(huge)).contains("token_used must be a whole number")
                    .contains("got 18446744073709551621.");
            assertThat(McpServerProcess.text(server.call("telegram_wait_reply", Map.of("max_wait", 2.5))))
                    .contains("got 2.5.");
        }
    }
}
