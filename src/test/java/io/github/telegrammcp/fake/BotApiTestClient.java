package io.github.telegrammcp.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for the fake's own tests: sends Bot API calls in each encoding and reads the envelope. */
final class BotApiTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: HTTP status and the parsed JSON envelope. */
    record Reply(int status, JsonNode body) {
        boolean ok() {
            return body.path("ok").asBoolean(false);
        }

        JsonNode result() {
            return body.get("result");
        }

        String description() {
            return body.path("description").asText(null);
        }

        int errorCode() {
            return body.path("error_code").asInt();
        }

        Integer retryAfter() {
            JsonNode value = body.path("parameters").get("retry_after");
            return value == null ? null : value.asInt();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final FakeBotApi fake;

    BotApiTestClient(FakeBotApi fake) {
        this.fake = fake;
    }

    String methodUrl(String method) {
        return fake.baseUrl() + "/bot" + fake.token() + "/" + method;
    }

    Reply get(String method, String query) {
        return send(HttpRequest.newBuilder(URI.create(methodUrl(method) + (query == null ? "" : "?" + query))).GET());
    }

    Reply json(String method, String body) {
        return send(jsonRequest(method, body));
    }

    CompletableFuture<Reply> jsonAsync(String method, String body) {
        return http.sendAsync(jsonRequest(method, body).build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(BotApiTestClient::toReply);
    }

    Reply form(String method, Map<String, String> fields) {
        StringJoiner form = new StringJoiner("&");
        fields.forEach((k, v) -> form.add(enc(k) + "=" + enc(v)));
        return send(HttpRequest.newBuilder(URI.create(methodUrl(method)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    /** Sends fields and one file part as multipart/form-data. */
    Reply multipart(String method, Map<String, String> fields, String fileField, String fileName, String contentType,
            byte[] bytes) {
        String boundary = "----FakeBoundary7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n"));
        if (fileField != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            body.writeBytes(bytes);
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(HttpRequest.newBuilder(URI.create(methodUrl(method)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    Reply path(String path) {
        return send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + path)).GET());
    }

    /** Downloads a file by its file_path; returns status and bytes. */
    HttpResponse<byte[]> download(String filePath) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/file/bot" + fake.token() + "/" + filePath))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends and lets IOException through (for outage tests). */
    Reply jsonOrThrow(String method, String body) throws IOException, InterruptedException {
        return toReply(http.send(jsonRequest(method, body).build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private HttpRequest.Builder jsonRequest(String method, String body) {
        return HttpRequest.newBuilder(URI.create(methodUrl(method))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            return toReply(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply toReply(HttpResponse<byte[]> response) {
        try {
            return new Reply(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
