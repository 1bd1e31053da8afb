package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * The table of issue 11, re-run against the packaged server over real stdio: after every hostile or clumsy line the
 * server must still answer {@code ping} and a tool call within 8 s, and the line itself must get exactly the answer
 * it deserves (a parse error, an error with its id, a result, or nothing at all for a notification).
 */
class StdioGuardIT {

    static final Duration ANSWER = Duration.ofSeconds(8);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String LOOKS_LIKE_A_TOKEN = "987654321:ZZsecretSecretSecretSecretSecret12";

    static Path tmp;
    static FakeBotApi fake;
    static RawMcpProcess server;

    @BeforeAll
    static void start() throws Exception {
        tmp = WorkDir.fresh("stdio-guard");
        fake = new FakeBotApi().start();
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                tmp.resolve("state"));
        server = new RawMcpProcess(Jar.path(), tmp.resolve("guarded"), env);
        ServerRoles.awaitRegistered(tmp.resolve("state"), "guarded", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    /** One line to send (without its line end unless it carries its own), and what must come back for it. */
    record Case(String name, byte[] line, boolean addLineFeed, Expect expect) {
    }

    /**
     * What a line must get: checked against the messages it caused (the ping and the tool call excluded), once the
     * answers to {@code ids} have come.
     */
    record Expect(String what, Consumer<List<JsonNode>> check, long... ids) {
    }

    static Expect parseError(String messagePart) {
        return new Expect("a parse error", answers -> {
            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).get("id").isNull()).isTrue();
            assertThat(answers.get(0).path("error").path("code").asInt()).isEqualTo(-32700);
            assertThat(answers.get(0).path("error").path("message").asText()).contains(messagePart);
        });
    }

    static Expect errorFor(Long id, int code) {
        return new Expect("error " + code + " for id " + id, answers -> {
            assertThat(answers).hasSize(1);
            JsonNode answer = answers.get(0);
            assertThat(id == null ? answer.get("id").isNull() : answer.get("id").asLong() == id).isTrue();
            assertThat(answer.path("error").path("code").asInt()).isEqualTo(code);
        }, id == null ? new long[0] : new long[] { id });
    }

    static Expect resultsFor(long... ids) {
        return new Expect("results", answers -> {
            assertThat(answers.stream().map(m -> m.get("id").asLong()))
                    .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(ids).boxed().toList());
            assertThat(answers).allSatisfy(m -> assertThat(m.has("result")).as("a result: %s", m).isTrue());
        }, ids);
    }

    static Expect toolErrorFor(long id, String text) {
        return new Expect("a tool error", answers -> {
            assertThat(answers).hasSize(1);
            assertThat(answers.get(0).get("id").asLong()).isEqualTo(id);
            assertThat(answers.get(0).path("result").path("isError").asBoolean()).isTrue();
            assertThat(RawMcpProcess.text(answers.get(0))).startsWith(text);
        }, id);
    }

    static final Expect NOTHING = new Expect("no answer", answers -> assertThat(answers).isEmpty());

    static Case line(String name, String text, Expect expect) {
        return new Case(name, text.getBytes(StandardCharsets.UTF_8), true, expect);
    }

    static String request(long id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"" + (params == null ? ""
                : ",\"params\":" + params) + "}";
    }

    static String toolCall(long id, String tool, Object arguments) throws Exception {
        return request(id, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + JSON.writeValueAsString(
                arguments) + "}");
    }

    List<Case> theTable() throws Exception {
        List<Case> cases = new ArrayList<>();
        // The table.
        cases.add(line("an empty line", "", parseError("the line is empty")));
        cases.add(line("a line of whitespace", "  \t  ", parseError("the line is empty")));
        cases.add(line("garbage", "garbage in, garbage out", parseError("not valid JSON")));
        cases.add(line("a truncated object", "{\"jsonrpc\":\"2.0\",\"id\":", parseError("not valid JSON")));
        long a = server.nextId();
        long b = server.nextId();
        cases.add(line("two objects on one line", request(a, "ping", null) + request(b, "ping", null),
                parseError("more than one JSON value")));
        cases.add(line("a 10 MB garbage line", "x".repeat(10 * 1024 * 1024), parseError("not valid JSON")));
        cases.add(line("100k-deep nesting", "[".repeat(100_000) + "]".repeat(100_000), parseError("nested deeper")));
        cases.add(line("notifications/foo", "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/foo\",\"params\":{}}",
                NOTHING));
        long action = server.nextId();
        cases.add(line("a 1 MB action", toolCall(action, "telegram_notify_with_actions", Map.of("event", "question",
                "summary", "Next?", "actions", List.of(Map.of("text", "Go", "action", "x".repeat(1024 * 1024))))),
                toolErrorFor(action, "actions[0].action is 1048576 characters; the limit is 4096.")));
        long emoji = server.nextId();
        cases.add(line("a 1 KB emoji", toolCall(emoji, "telegram_notify_with_actions", Map.of("event", "question",
                "summary", "Next?", "actions", List.of(Map.of("text", "Go", "action", "go", "emoji",
                        "😀".repeat(256))))),
                toolErrorFor(emoji, "actions[0].emoji is 512 characters; the limit is 16.")));
        long p1 = server.nextId();
        long p2 = server.nextId();
        cases.add(line("a batch with a notification in it", "[" + request(p1, "ping", null)
                + ",{\"jsonrpc\":\"2.0\",\"method\":\"notifications/foo\"}," + request(p2, "tools/list", null) + "]",
                resultsFor(p1, p2)));
        long unknown = server.nextId();
        cases.add(line("an unknown method", request(unknown, "tools/frobnicate", "{}"), errorFor(unknown, -32601)));
        long badVersion = server.nextId();
        cases.add(line("a bad jsonrpc", request(badVersion, "ping", null).replace("\"2.0\"", "\"1.0\""),
                errorFor(badVersion, -32600)));
        long utf8 = server.nextId();
        cases.add(new Case("invalid UTF-8 inside a string", bytes(request(utf8, "ping", "{\"x\":\"").getBytes(
                StandardCharsets.UTF_8),
                new byte[] { (byte) 0xFF, (byte) 0xC3, 'a', (byte) 0xED, (byte) 0xA0,
                        (byte) 0x80 },
                "\"}}".getBytes(StandardCharsets.UTF_8)), true, resultsFor(utf8)));
        long crlf = server.nextId();
        cases.add(new Case("CRLF", (request(crlf, "ping", null) + "\r\n").getBytes(StandardCharsets.UTF_8), false,
                resultsFor(crlf)));
        long big = server.nextId();
        cases.add(line("a valid 10 MB call", toolCall(big, "telegram_send_code", Map.of("code",
                "print('ten megabytes')\n".repeat(10 * 1024 * 1024 / 22), "language", "python")), new Expect(
                        "the code sent as a file", answers -> {
                            assertThat(answers).hasSize(1);
                            assertThat(RawMcpProcess.text(answers.get(0))).startsWith(
                                    "Code sent to Telegram as the file snippet.py");
                        }, big)));
        // A few more.
        long cr = server.nextId();
        cases.add(line("a CR between tokens", request(cr, "ping", null).replace(",\"method\"", ",\r\"method\""),
                resultsFor(cr)));
        cases.add(line("a line over the 16 MiB limit", request(server.nextId(), "ping", "{\"x\":\"" + "y".repeat(
                17 * 1024 * 1024) + "\"}"), parseError("over the limit of 16777216 bytes")));
        cases.add(line("129 levels of nesting", "[".repeat(129) + "]".repeat(129), parseError("nested deeper than 128")));
        cases.add(line("invalid UTF-8 between tokens", new String(new byte[] { '{', (byte) 0xFF, '}' },
                StandardCharsets.ISO_8859_1), parseError("not valid JSON")));
        cases.add(new Case("a message in UTF-16", request(server.nextId(), "ping", null).getBytes(
                StandardCharsets.UTF_16), true, parseError("send UTF-8")));
        cases.add(line("two byte-order marks", "\uFEFF\uFEFF" + request(server.nextId(), "ping", null),
                parseError("byte 0xef")));
        cases.add(line("a number instead of a message", "42", errorFor(null, -32600)));
        cases.add(line("an empty batch", "[]", errorFor(null, -32600)));
        cases.add(line("an id that is an object", "{\"jsonrpc\":\"2.0\",\"id\":{\"n\":1},\"method\":\"ping\"}",
                errorFor(null, -32600)));
        long noParams = server.nextId();
        cases.add(line("tools/call without params", request(noParams, "tools/call", null), errorFor(noParams, -32602)));
        long arrayParams = server.nextId();
        cases.add(line("params that are an array", request(arrayParams, "tools/list", "[1]"),
                errorFor(arrayParams, -32602)));
        long bom = server.nextId();
        cases.add(line("a byte-order mark", "\uFEFF" + request(bom, "ping", null), resultsFor(bom)));
        cases.add(line("a repeated notifications/initialized", "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"notifications/initialized\"}", NOTHING));
        cases.add(line("notifications/progress from the client", "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"notifications/progress\",\"params\":{\"progressToken\":1,\"progress\":5}}", NOTHING));
        cases.add(line("a cancellation of an unknown request", "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"notifications/cancelled\",\"params\":{\"requestId\":424242}}", NOTHING));
        cases.add(line("a token in garbage", "token=" + LOOKS_LIKE_A_TOKEN, parseError("not valid JSON")));
        return cases;
    }

    @Test
    void noLineOfTheTableLeavesTheServerDeafAndEachGetsTheRightAnswer() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Case c : theTable()) {
            int before = server.received().size();
            byte[] payload = c.addLineFeed() ? bytes(c.line(), new byte[] { '\n' }) : c.line();
            server.sendRaw(payload);
            long ping = server.nextId();
            server.sendRaw((request(ping, "ping", null) + "\n").getBytes(StandardCharsets.UTF_8));
            JsonNode pong = server.expect(ping).get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(pong.has("result")).as("%s: ping answered", c.name()).isTrue();
            RawMcpProcess.Call tool = server.callTool("telegram_get_context_info", Map.of());
            JsonNode report = tool.result().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(report.path("result").path("isError").asBoolean()).as("%s: tool works", c.name()).isFalse();
            assertThat(RawMcpProcess.text(report)).contains("session report");
            for (long id : c.expect().ids()) {
                // The extension answers lines on worker threads: an answer may come after the ping's (the 10 MB call
                // uploads 10 MB to the fake Bot API first).
                server.expect(id).get(60, TimeUnit.SECONDS);
            }
            List<JsonNode> caused = new ArrayList<>(server.received().subList(before, server.received().size()));
            caused.removeIf(m -> m.path("id").asLong(-1) == ping || m.path("id").asLong(-1) == tool.id()
                    || m.has("method"));
            try {
                c.expect().check().accept(caused);
            } catch (AssertionError e) {
                failures.add(c.name() + " should get " + c.expect().what() + ", got " + abbreviate(caused) + ": "
                        + e.getMessage().strip());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(server.notJson()).as("every stdout line is JSON").isEmpty();
        String log = Files.readString(tmp.resolve("state/logs/telegram-mcp-server.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("Answered a stdin line with -32700").contains("987654321:***")
                .doesNotContain("ZZsecret");
    }

    @Test
    void aNotificationIsNeverAnswered() throws Exception {
        int before = server.received().size();
        for (String method : new String[] { "notifications/foo", "notifications/claude/channel/permission_request",
                "notifications/message", "notifications/initialized", "notifications/roots/list_changed" }) {
            server.notify(method, JSON.createObjectNode().put("x", 1));
        }
        server.sendRaw("{\"jsonrpc\":\"1.0\",\"method\":\"notifications/foo\"}\n".getBytes(StandardCharsets.UTF_8));
        server.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/foo\",\"params\":[1]}\n"
                .getBytes(StandardCharsets.UTF_8));
        JsonNode pong = server.ping().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        RawMcpProcess.Call tool = server.callTool("telegram_get_context_info", Map.of());
        tool.result().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS);
        List<JsonNode> since = server.received().subList(before, server.received().size());
        assertThat(since).as("only the answers to ping and the tool call").hasSize(2)
                .allSatisfy(m -> assertThat(m.get("id").asLong()).isIn(pong.get("id").asLong(), tool.id()));
    }

    @Test
    void aCancelledWaitProducesNoResponseLineAndTheMessageStaysQueued() throws Exception {
        RawMcpProcess.Call wait = server.callTool("telegram_wait_reply", Map.of("max_wait", 120));
        // At once: the cancellation may overtake the call inside the extension; the wait must end all the same.
        server.cancel(wait.id(), "user pressed Esc");
        Path log = tmp.resolve("state/logs/telegram-mcp-server.log");
        String dropped = "Dropped the answer to request " + wait.id() + ":";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(log, StandardCharsets.UTF_8).contains(dropped) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).as("the wait ended and its answer was dropped")
                .contains(dropped);
        fake.injectOwnerText("after the cancel");
        assertThat(server.ping().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS).has("result")).isTrue();
        String next = RawMcpProcess.text(server.callTool("telegram_wait_reply", Map.of("max_wait", 20)).result()
                .get(30, TimeUnit.SECONDS));
        assertThat(next).isEqualTo(WaitTools.REPLY_INTRO + "after the cancel");
        assertThat(server.received()).as("no line answers the cancelled call")
                .noneMatch(m -> m.path("id").asLong(-1) == wait.id());
        assertThat(wait.result()).isNotDone();
    }

    @Test
    void theServerStillExitsAtOnceWhenStdinCloses() throws Exception {
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                tmp.resolve("state"));
        RawMcpProcess closing = new RawMcpProcess(Jar.path(), tmp.resolve("closing"), env);
        try {
            ServerRoles.awaitRegistered(tmp.resolve("state"), "closing", Duration.ofSeconds(60));
            closing.sendRaw("garbage\n".getBytes(StandardCharsets.UTF_8));
            assertThat(closing.ping().get(ANSWER.toMillis(), TimeUnit.MILLISECONDS).has("result")).isTrue();
            long start = System.nanoTime();
            assertThat(closing.closeStdin(Duration.ofSeconds(30))).as("exited").isTrue();
            // About a second on an idle machine; generous here for a loaded one.
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(10_000);
        } finally {
            closing.close();
        }
    }

    static byte[] bytes(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static String abbreviate(List<JsonNode> messages) {
        Function<JsonNode, String> shown = m -> {
            String s = m.toString();
            return s.length() > 200 ? s.substring(0, 200) + "…" : s;
        };
        return messages.stream().map(shown).toList().toString();
    }
}
