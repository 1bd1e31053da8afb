package io.github.telegrammcp.fake;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Routes {@code /bot<token>/<method>} and {@code /file/bot<token>/<path>} like api.telegram.org and writes every
 * answer as the Bot API's JSON envelope. The token is never logged.
 */
final class ApiHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(FakeBotApi.class.getName());
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private final BotState state;
    private final String token;
    private final Map<String, String> canonicalNames = new LinkedHashMap<>();
    private final Map<String, MethodHandler> methods = new LinkedHashMap<>();
    private final AtomicInteger getUpdatesCalls = new AtomicInteger();

    ApiHttpHandler(BotState state, String token) {
        this.state = state;
        this.token = token;
        Map<String, MethodHandler> table = new LinkedHashMap<>();
        new BotMethods(state).register(table);
        new MessageMethods(state).register(table);
        new MediaMethods(state).register(table);
        new TopicMethods(state).register(table);
        table.forEach((name, handler) -> {
            String key = name.toLowerCase(Locale.ROOT);
            canonicalNames.put(key, name);
            methods.put(key, handler);
        });
    }

    int getUpdatesCalls() {
        return getUpdatesCalls.get();
    }

    void resetCounters() {
        getUpdatesCalls.set(0);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/file/bot")) {
                download(exchange, path.substring("/file/bot".length()));
            } else if (path.startsWith("/bot")) {
                call(exchange, path.substring("/bot".length()));
            } else {
                error(exchange, new BotApiError(404, "Not Found", null));
            }
        } catch (UpdateQueue.PollAborted e) {
            LOG.fine("held getUpdates ended by stop()");
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e);
        } finally {
            exchange.close();
        }
    }

    private void call(HttpExchange exchange, String tokenAndMethod) throws IOException {
        int slash = tokenAndMethod.indexOf('/');
        if (slash < 0) {
            error(exchange, new BotApiError(404, "Not Found", null));
            return;
        }
        if (!token.equals(tokenAndMethod.substring(0, slash))) {
            error(exchange, new BotApiError(401, "Unauthorized", null));
            return;
        }
        String key = tokenAndMethod.substring(slash + 1).toLowerCase(Locale.ROOT);
        MethodHandler handler = methods.get(key);
        if (handler == null) {
            error(exchange, new BotApiError(404, "Not Found", null));
            return;
        }
        String method = canonicalNames.get(key);
        try {
            ApiRequest request = RequestParser.parse(method, exchange);
            state.recorder.call(new RecordedCall(method, Map.copyOf(request.params()), Map.copyOf(request.files()),
                    Instant.now()));
            if (method.equals("getUpdates")) {
                getUpdatesCalls.incrementAndGet();
            }
            pause(state.faults.nextDelay(method));
            BotApiError scripted = state.faults.nextFailure(method);
            if (scripted != null) {
                throw scripted;
            }
            Object result = handler.handle(request);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ok", true);
            body.put("result", result);
            LOG.fine(() -> method + " -> 200");
            write(exchange, 200, body);
        } catch (BotApiError e) {
            LOG.fine(() -> method + " -> " + e.errorCode() + " " + e.description());
            error(exchange, e);
        } catch (UpdateQueue.PollAborted e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "fake Bot API failed on " + method, e);
            error(exchange, new BotApiError(500, "Internal Server Error", null));
        }
    }

    private void download(HttpExchange exchange, String tokenAndPath) throws IOException {
        int slash = tokenAndPath.indexOf('/');
        if (slash < 0 || !token.equals(tokenAndPath.substring(0, slash))) {
            error(exchange, new BotApiError(slash < 0 ? 404 : 401, slash < 0 ? "Not Found" : "Unauthorized", null));
            return;
        }
        String filePath = tokenAndPath.substring(slash + 1);
        FileStore.StoredFile file = state.files.byPath(filePath);
        if (file == null || file.size() > MediaMethods.MAX_DOWNLOAD) {
            error(exchange, new BotApiError(404, "Not Found", null));
            return;
        }
        state.recorder.download(filePath);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, file.size() == 0 ? -1 : file.size());
        try (OutputStream out = exchange.getResponseBody()) {
            if (file.bytes() != null) {
                out.write(file.bytes());
            } else {
                byte[] zeros = new byte[64 * 1024];
                for (long left = file.size(); left > 0; left -= zeros.length) {
                    out.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
            }
        }
    }

    private static void pause(Duration delay) {
        if (delay == null) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpdateQueue.PollAborted();
        }
    }

    private void error(HttpExchange exchange, BotApiError e) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error_code", e.errorCode());
        body.put("description", e.description());
        if (e.retryAfter() != null) {
            body.put("parameters", Map.of("retry_after", e.retryAfter()));
        }
        write(exchange, e.errorCode(), body);
    }

    private void write(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
