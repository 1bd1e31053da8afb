package io.github.telegrammcp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The packaged server driven by hand-written JSON-RPC over stdio, for what the Java MCP SDK client cannot do: send
 * {@code notifications/cancelled} for a call in flight, or close stdin while a call is still waiting.
 */
final class RawMcpProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream stdin;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    RawMcpProcess(Path jar, Path projectDir, Map<String, String> env) throws Exception {
        Files.createDirectories(projectDir);
        Path stderr = projectDir.resolveSibling(projectDir.getFileName() + "-stderr.log");
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
                .set("clientInfo", JSON.createObjectNode().put("name", "raw-test").put("version", "1")))
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

    private CompletableFuture<JsonNode> request(String method, JsonNode params) throws IOException {
        return send(ids.incrementAndGet(), method, params);
    }

    private CompletableFuture<JsonNode> send(long id, String method, JsonNode params) throws IOException {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        write(message);
        return answer;
    }

    private void notify(String method, JsonNode params) throws IOException {
        ObjectNode message = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        message.set("params", params);
        write(message);
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
                JsonNode node = JSON.readTree(line);
                if (node.has("id") && !node.has("method")) {
                    CompletableFuture<JsonNode> answer = pending.remove(node.get("id").asLong());
                    if (answer != null) {
                        answer.complete(node);
                    }
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
