package io.github.telegrammcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The packaged server driven by hand-written JSON-RPC over stdio, for what the Java MCP SDK client cannot do: send
 * {@code notifications/cancelled} for a call in flight, close stdin while a call is still waiting, or send raw bytes
 * that are not a valid message. Every stdout line is kept, as read.
 */
final class RawMcpProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> notJson = new CopyOnWriteArrayList<>();
    private final Path stderr;

    RawMcpProcess(Path jar, Path projectDir, Map<String, String> env) throws Exception {
        this(jar, projectDir, env, "raw-test");
    }

    /** As {@link #RawMcpProcess(Path, Path, Map)}, introducing itself as {@code clientName} in initialize. */
    RawMcpProcess(Path jar, Path projectDir, Map<String, String> env, String clientName) throws Exception {
        Files.createDirectories(projectDir);
        stderr = projectDir.resolveSibling(projectDir.getFileName() + "-stderr.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", jar.toString()).directory(projectDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(this::readLoop, "raw-mcp-reader");
        reader.setDaemon(true);
        reader.start();
        request("initialize", JSON.createObjectNode().put("protocolVersion", "2025-06-18")
                .<ObjectNode> set("capabilities", JSON.createObjectNode())
                .set("clientInfo", JSON.createObjectNode().put("name", clientName).put("version", "1")))
                .get(60, TimeUnit.SECONDS);
        notify("notifications/initialized", JSON.createObjectNode());
    }

    /** Starts a tools/call and returns its id and the future of its result. */
    Call callTool(String tool, Map<String, Object> arguments) throws IOException {
        ObjectNode params = JSON.createObjectNode().put("name", tool);
        params.set("arguments", JSON.valueToTree(arguments));
        long id = ids.incrementAndGet();
        return new Call(id, send(id, "tools/call", params));
    }

    /** A fresh request id, for a request written by hand. */
    long nextId() {
        return ids.incrementAndGet();
    }

    /** The future answer to the request with this id (register before sending it). */
    CompletableFuture<JsonNode> expect(long id) {
        return pending.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** Sends a ping. */
    CompletableFuture<JsonNode> ping() throws IOException {
        return request("ping", JSON.createObjectNode());
    }

    /** Sends a request. */
    CompletableFuture<JsonNode> request(String method, JsonNode params) throws IOException {
        return send(ids.incrementAndGet(), method, params);
    }

    /** Sends a notification. */
    void notify(String method, JsonNode params) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params);
        write(message);
    }

    /** Writes bytes to stdin as they are: the test adds the line end, or not. */
    synchronized void sendRaw(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    /** Every message the server wrote to stdout so far. */
    List<JsonNode> received() {
        return received;
    }

    /** Every stdout line that was not JSON (there must be none). */
    List<String> notJson() {
        return notJson;
    }

    /** What the server wrote to stderr. */
    String stderr() throws IOException {
        return Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    }

    /** Sends notifications/cancelled for a call in flight. */
    void cancel(long requestId, String reason) throws IOException {
        notify("notifications/cancelled", JSON.createObjectNode().put("requestId", requestId).put("reason", reason));
    }

    /** Closes stdin, as a client does when it quits, and waits for the process to exit. */
    boolean closeStdin(Duration timeout) throws IOException, InterruptedException {
        stdin.close();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            closeStdin(Duration.ofSeconds(20));
        } catch (Exception e) {
            // Fall through to the forced stop.
        }
        process.destroyForcibly();
    }

    /** The text of a tools/call result. */
    static String text(JsonNode result) {
        return result.path("result").path("content").path(0).path("text").asText();
    }

    private CompletableFuture<JsonNode> send(long id, String method, JsonNode params) throws IOException {
        CompletableFuture<JsonNode> answer = expect(id);
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        write(message);
        return answer;
    }

    private synchronized void write(JsonNode message) throws IOException {
        stdin.write((JSON.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private void readLoop() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    notJson.add(line.length() > 300 ? line.substring(0, 300) + "…" : line);
                    continue;
                }
                received.add(node);
                if (node.has("id") && !node.has("method") && node.get("id").canConvertToLong()) {
                    // Kept even when nobody waits yet: a test may ask for an answer after it came.
                    expect(node.get("id").asLong()).complete(node);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
        pending.values().forEach(f -> f.completeExceptionally(new IOException("server closed stdout")));
    }

    /** A tools/call in flight. */
    record Call(long id, CompletableFuture<JsonNode> result) {
    }
}
