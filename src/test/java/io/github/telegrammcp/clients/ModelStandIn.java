package io.github.telegrammcp.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the model APIs on 127.0.0.1, so that real clients run offline: it speaks the Anthropic Messages API
 * (Claude Code, {@code ANTHROPIC_BASE_URL}), the OpenAI Responses API (Codex, a custom model provider's
 * {@code base_url} ending in {@code /v1}) and the Gemini API (Gemini CLI, {@code GOOGLE_GEMINI_BASE_URL}).
 * <p>
 * A test scripts the model with a {@link ModelScript} (which tool to call with which arguments at each step) and reads
 * back every request the client made, among them the tool results the client sent to the model. Side requests (titles,
 * routing, token counts) are answered sensibly and recorded too; anything else is answered 404 and recorded.
 */
public final class ModelStandIn implements AutoCloseable {

    private static final AtomicLong THREADS = new AtomicLong();

    private final List<ModelApiDialect> dialects = List.of(new AnthropicMessagesDialect(), new OpenAiResponsesDialect(),
            new GeminiDialect());
    private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong serial = new AtomicLong();
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile ModelScript script = ModelScript.say("Done.");

    private ModelStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on an ephemeral port of 127.0.0.1. */
    public static ModelStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            ExecutorService executor = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "model-stand-in-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            ModelStandIn standIn = new ModelStandIn(server, executor);
            server.createContext("/", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, for ANTHROPIC_BASE_URL and GOOGLE_GEMINI_BASE_URL (Codex: add {@code /v1}). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Replaces the script that answers main requests. */
    public ModelStandIn script(ModelScript script) {
        this.script = script;
        return this;
    }

    /** Every request so far, oldest first. */
    public List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests that carried the conversation. */
    public List<ModelRequest> mainRequests() {
        return requests.stream().filter(ModelRequest::main).toList();
    }

    /** What went wrong while answering (a script that threw, a body that was not JSON); empty when all went well. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Waits for a main request that matches; fails with the requests seen so far. */
    public ModelRequest awaitMainRequest(Predicate<ModelRequest> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ModelRequest> found = mainRequests().stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No matching model request within " + timeout + "; seen:\n" + describe());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the first tool result (in any main request) that matches. */
    public ToolResult awaitToolResult(Predicate<ToolResult> match, Duration timeout) throws InterruptedException {
        ModelRequest request = awaitMainRequest(r -> r.toolResults().stream().anyMatch(match), timeout);
        return request.toolResults().stream().filter(match).findFirst().orElseThrow();
    }

    /** The requests seen, one line each, for failure messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        requests.forEach(r -> out.append("  ").append(r).append('\n'));
        failures.forEach(f -> out.append("  failure: ").append(f).append('\n'));
        return out.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().toString();
            String method = exchange.getRequestMethod();
            JsonNode body = readBody(exchange.getRequestBody());
            Optional<ModelApiDialect> dialect = dialects.stream().filter(d -> d.handles(method, path)).findFirst();
            if (dialect.isEmpty()) {
                requests.add(new ModelRequest("unknown", method + " " + path, Instant.now(), body, false, 0,
                        List.of(), List.of()));
                ModelApiDialect.sendJson(exchange, 404, ModelApiDialect.object().put("error", "not served by the stand-in"));
                return;
            }
            ModelRequest request = dialect.get().read(path, body);
            requests.add(request);
            long number = serial.incrementAndGet();
            if (!request.main()) {
                dialect.get().answerSide(exchange, request, number);
                return;
            }
            ModelTurn turn;
            try {
                turn = script.next(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                turn = ModelTurn.say("Interrupted.");
            } catch (RuntimeException e) {
                failures.add("script failed on " + request + ": " + e);
                ModelApiDialect.sendJson(exchange, 500, ModelApiDialect.object().put("error", String.valueOf(e)));
                return;
            }
            dialect.get().answer(exchange, request, turn, number);
        } catch (IOException | RuntimeException e) {
            failures.add(exchange.getRequestURI() + ": " + e);
            throw e;
        }
    }

    private JsonNode readBody(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        if (bytes.length == 0) {
            return ModelApiDialect.object();
        }
        try {
            return ModelApiDialect.JSON.readTree(bytes);
        } catch (IOException e) {
            failures.add("a body that is not JSON (" + bytes.length + " bytes)");
            return ModelApiDialect.object();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
