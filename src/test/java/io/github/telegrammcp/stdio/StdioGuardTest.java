package io.github.telegrammcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The guard between a client (bytes in, lines out) and an extension that reads lines as extension 1.10.1 does. */
class StdioGuardTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
    static final String INIT_RESULT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"capabilities\":{\"tools\":{}}}}";
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

    StdioGuard guard(String clientInput, StdioHook... hooks) {
        return new StdioGuard(new ByteArrayInputStream(clientInput.getBytes(StandardCharsets.UTF_8)), stdout,
                () -> List.of(hooks), 64 * 1024);
    }

    /** What the extension reads, line by line, as it does: BufferedReader.readLine over the stream. */
    static List<String> extensionReads(StdioGuard guard) throws IOException {
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(guard.input(), StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null;) {
            lines.add(line);
        }
        return lines;
    }

    List<JsonNode> clientGets() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                out.add(JSON.readTree(line));
            }
        }
        return out;
    }

    static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    @Test
    void validLinesPassUnchangedAndInOrderAndBadOnesAreAnsweredInstead() throws IOException {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        String call = "{\"jsonrpc\":\"2.0\",\"id\":\"c\",\"method\":\"tools/call\",\"params\":{\"name\":\"t\","
                + "\"arguments\":{\"text\":\"é 😀 \\\"q\\\"\"}}}";
        StdioGuard guard = guard(lines(INIT, "", "garbage", ping, "{\"a\":1}{\"b\":2}", call, "{\"jsonrpc\":\"2.0\",",
                "[".repeat(200) + "]".repeat(200), "5"));
        assertThat(extensionReads(guard)).containsExactly(INIT, ping, call);
        List<JsonNode> answers = clientGets();
        assertThat(answers).hasSize(6);
        assertThat(answers).allSatisfy(a -> assertThat(a.get("id").isNull()).isTrue());
        assertThat(answers.stream().map(a -> a.path("error").path("code").asInt()))
                .containsExactly(-32700, -32700, -32700, -32700, -32700, -32600);
        assertThat(answers.get(0).path("error").path("message").asText()).startsWith("Parse error: the line is empty");
    }

    @Test
    void crAndByteOrderMarksNeverReachTheExtension() throws IOException {
        StdioGuard guard = guard("\uFEFF{\"jsonrpc\":\"2.0\",\r\"id\":2,\"method\":\"ping\"}\r\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}\r\n");
        assertThat(extensionReads(guard)).containsExactly("{\"jsonrpc\":\"2.0\", \"id\":2,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}");
        assertThat(clientGets()).isEmpty();
    }

    @Test
    void aLineOverTheLimitIsAnsweredWithItsSize() throws IOException {
        String big = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"ping\",\"params\":{\"x\":\"" + "a".repeat(70_000) + "\"}}";
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        StdioGuard guard = guard(lines(big, ping));
        assertThat(extensionReads(guard)).containsExactly(ping);
        assertThat(clientGets().get(0).path("error").path("message").asText())
                .contains(big.length() + " bytes, over the limit of 65536 bytes");
    }

    @Test
    void linesOfManyBlocksPassWholeWithTheirCarriageReturnsAndInvalidUtf8AsTheExtensionReadsThem()
            throws IOException {
        String text = "ab\\u00e9 ".repeat(60_000);
        String call = "{\"jsonrpc\":\"2.0\",\r\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"t\","
                + "\"arguments\":{\"text\":\"" + text + "\"}}}";
        byte[] invalidUtf8 = LineClassifierTest.bytes("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"ping\",\"params\":"
                + "{\"x\":\"" + "y".repeat(300_000), 0xFF, 0xC3, "\"}}");
        String batch = "[" + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/foo\"},".repeat(10_000)
                + "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}]";
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes((call + "\r\n").getBytes(StandardCharsets.UTF_8));
        input.writeBytes(invalidUtf8);
        input.writeBytes(("\n" + batch + "\n").getBytes(StandardCharsets.UTF_8));
        StdioGuard guard = new StdioGuard(new ByteArrayInputStream(input.toByteArray()), stdout, List::of, 1 << 22);
        assertThat(extensionReads(guard)).containsExactly(call.replace('\r', ' '),
                new String(invalidUtf8, StandardCharsets.UTF_8), "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
        assertThat(clientGets()).isEmpty();
    }

    @Test
    void aLongLineThatCannotBeJsonIsRefusedFromItsFirstCharacter() throws IOException {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";
        StdioGuard guard = guard(lines("  x" + "y".repeat(60_000), "\u0001" + "z".repeat(5000), ping));
        assertThat(extensionReads(guard)).containsExactly(ping);
        assertThat(clientGets().stream().map(a -> a.path("error").path("message").asText())).containsExactly(
                "Parse error: not valid JSON: it starts with 'x', and a message starts with {",
                "Parse error: not valid JSON: it starts with byte 0x01, and a message starts with {");
    }

    @Test
    void unknownNotificationsAreDroppedAndKnownOnesPassOnlyWhenTheExtensionTakesThemSilently() throws IOException {
        String cancelled = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":5}}";
        String roots = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}";
        PipedOutputStream client = new PipedOutputStream();
        StdioGuard guard = new StdioGuard(new PipedInputStream(client, 1 << 16), stdout, List::of, 1 << 16);
        BufferedReader extension = new BufferedReader(new InputStreamReader(guard.input(), StandardCharsets.UTF_8));
        // Before initialize has been answered the extension would answer any notification with an error.
        client.write(lines(INITIALIZED, cancelled, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/foo\"}", INIT)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(extension.readLine()).isEqualTo(INIT);
        guard.output().println(INIT_RESULT);
        client.write(lines(INITIALIZED, INITIALIZED, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                + "\"params\":{\"progressToken\":1,\"progress\":1}}",
                "{\"jsonrpc\":\"1.0\",\"method\":"
                        + "\"notifications/cancelled\",\"params\":{\"requestId\":5}}",
                cancelled, roots)
                .getBytes(StandardCharsets.UTF_8));
        client.close();
        assertThat(extension.readLine()).isEqualTo(INITIALIZED);
        assertThat(extension.readLine()).isEqualTo(cancelled);
        assertThat(extension.readLine()).isEqualTo(roots);
        assertThat(extension.readLine()).isNull();
        assertThat(clientGets()).as("nothing but the initialize result").hasSize(1);
    }

    @Test
    void theAnswerToACancelledRequestIsDroppedOnce() throws IOException {
        StdioGuard guard = guard(lines(INIT, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":7,\"reason\":\"Esc\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":\"s\"}}"));
        extensionReads(guard);
        guard.output().println("{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"content\":[]}}");
        guard.output().println("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"text\":\"cancelled\"}]}}");
        guard.output().println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}");
        guard.output().println("{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"error\":{\"code\":-1,\"message\":\"x\"}}");
        guard.output().println("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
        assertThat(clientGets().stream().map(JsonNode::toString)).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{\"content\":[]}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
    }

    @Test
    void toolsLearnOfACancellationAndCanUndoWhatADroppedAnswerCarried() throws IOException {
        StdioGuard guard = guard(lines(INIT, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":7}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                        + "{\"requestId\":8}}"));
        extensionReads(guard);
        assertThat(guard.cancelled(7)).isTrue();
        assertThat(guard.cancelled(7L)).isTrue();
        assertThat(guard.cancelled("7")).isFalse();
        assertThat(guard.cancelled(9)).isFalse();
        List<String> undone = new ArrayList<>();
        guard.onAnswerDropped(7, () -> undone.add("7"));
        guard.onAnswerDropped(9, () -> undone.add("9"));
        guard.output().println("{\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}");
        guard.output().println("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[{\"text\":\"owner\"}]}}");
        assertThat(undone).containsExactly("7");
        assertThat(guard.cancelled(7)).as("used up by the dropped answer").isFalse();
        assertThat(guard.cancelled(8)).isTrue();
        assertThat(clientGets()).hasSize(1);
    }

    @Test
    void aNewRequestReusingACancelledIdIsAnswered() throws IOException {
        StdioGuard guard = guard(lines("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
                + "{\"requestId\":7}}", "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}"));
        extensionReads(guard);
        guard.output().println("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}");
        assertThat(clientGets()).hasSize(1);
    }

    @Test
    void batchesGoElementByElementUnderTheSameRules() throws IOException {
        StdioGuard guard = guard(lines(INIT, "[{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"},"
                + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/foo\"},7,{\"jsonrpc\":\"2.0\",\"id\":3,"
                + "\"method\":\"tools/call\"}]", "[]"));
        assertThat(extensionReads(guard)).containsExactly(INIT, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        List<JsonNode> answers = clientGets();
        assertThat(answers.stream().map(a -> a.get("id") + " " + a.path("error").path("code"))).containsExactly(
                "null -32600", "3 -32602", "null -32600");
    }

    @Test
    void hooksAmendTheInitializeResultAndTakeCustomNotifications() throws IOException {
        List<String> taken = new ArrayList<>();
        StdioHook channels = new StdioHook() {
            @Override
            public void amendInitializeResult(ObjectNode result) {
                ((ObjectNode) result.get("capabilities")).putObject("experimental").putObject("claude/channel");
            }

            @Override
            public boolean onClientNotification(String method, JsonNode params) {
                if (method.startsWith("notifications/claude/channel/")) {
                    taken.add(method + " " + params);
                    return true;
                }
                return false;
            }
        };
        StdioGuard guard = guard(lines(INIT, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel/"
                + "permission_request\",\"params\":{\"request_id\":\"abcde\",\"tool_name\":\"Bash\"}}"), channels);
        assertThat(extensionReads(guard)).containsExactly(INIT);
        guard.output().println(INIT_RESULT);
        guard.notifyClient("notifications/claude/channel", JSON.createObjectNode().put("content", "hi"));
        assertThat(taken).containsExactly(
                "notifications/claude/channel/permission_request {\"request_id\":\"abcde\",\"tool_name\":\"Bash\"}");
        assertThat(clientGets().stream().map(JsonNode::toString)).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"capabilities\":{\"tools\":{},\"experimental\":"
                        + "{\"claude/channel\":{}}}}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/claude/channel\",\"params\":{\"content\":\"hi\"}}");
    }

    @Test
    void theEndOfStdinReachesTheExtensionAtOnce() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        StdioGuard guard = new StdioGuard(new PipedInputStream(client), stdout, List::of, 1 << 16);
        BufferedReader extension = new BufferedReader(new InputStreamReader(guard.input(), StandardCharsets.UTF_8));
        client.write(lines("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(extension.readLine()).as("a line is handed over without waiting for the next one")
                .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            try {
                return extension.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        client.close();
        assertThat(next.get(5, TimeUnit.SECONDS)).isNull();
    }

    /** Answers of the guard and messages of the extension, written from many threads, never share a line. */
    @Test
    void linesFromManyThreadsNeverInterleave() throws Exception {
        StringBuilder input = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            input.append("not json ").append(i).append('\n');
        }
        StdioGuard guard = guard(input.toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            int thread = t;
            writers.add(CompletableFuture.runAsync(() -> {
                awaitQuietly(go);
                for (int i = 0; i < 2000; i++) {
                    guard.output().println("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":"
                            + "{\"thread\":" + thread + ",\"i\":" + i + ",\"pad\":\"" + "x".repeat(i % 300) + "\"}}");
                }
            }, pool));
        }
        writers.add(CompletableFuture.runAsync(() -> {
            awaitQuietly(go);
            try {
                extensionReads(guard);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, pool));
        go.countDown();
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        pool.shutdown();
        List<JsonNode> all = clientGets();
        assertThat(all).hasSize(4 * 2000);
        assertThat(all.stream().filter(n -> n.has("error"))).hasSize(2000);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
