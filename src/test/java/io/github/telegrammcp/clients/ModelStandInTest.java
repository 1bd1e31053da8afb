package io.github.telegrammcp.clients;

import static io.github.telegrammcp.clients.ModelScript.call;
import static io.github.telegrammcp.clients.ModelScript.steps;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The model stand-in's wire formats, checked without a client (the *IT tests check them with the real ones). */
class ModelStandInTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String NOTIFY = "mcp__telegram__telegram_notify";

    final ModelStandIn model = ModelStandIn.start();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        model.close();
    }

    @Test
    void anthropicStreamsAToolCallAndReadsBackItsResult() throws Exception {
        model.script(steps(call(NOTIFY, Map.of("event", "progress", "summary", "hi"))));
        String tools = "\"tools\":[{\"name\":\"" + NOTIFY + "\",\"input_schema\":{\"type\":\"object\"}}]";

        List<JsonNode> events = events(post("/v1/messages?beta=true", "{\"model\":\"m\",\"stream\":true," + tools
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}"));

        assertThat(events).extracting(e -> e.path("type").asText()).containsExactly("message_start",
                "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop");
        assertThat(events.get(1).at("/content_block/name").asText()).isEqualTo(NOTIFY);
        assertThat(JSON.readTree(events.get(2).at("/delta/partial_json").asText()))
                .isEqualTo(JSON.readTree("{\"event\":\"progress\",\"summary\":\"hi\"}"));
        assertThat(events.get(4).at("/delta/stop_reason").asText()).isEqualTo("tool_use");

        String id = events.get(1).at("/content_block/id").asText();
        JsonNode done = JSON.readTree(post("/v1/messages", "{\"model\":\"m\"," + tools + ",\"messages\":["
                + "{\"role\":\"user\",\"content\":\"go\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + NOTIFY
                + "\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"" + id
                + "\",\"content\":[{\"type\":\"text\",\"text\":\"sent\"}]}]}]}"));

        assertThat(done.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(done.at("/content/0/text").asText()).isEqualTo("Done.");
        ModelRequest second = model.mainRequests().get(1);
        assertThat(second.callsSoFar()).isEqualTo(1);
        assertThat(second.toolResults()).containsExactly(new ToolResult(id, NOTIFY, "sent", false));
    }

    @Test
    void sideRequestsGetShortAnswersAndAreRecorded() throws Exception {
        JsonNode title = JSON.readTree(post("/v1/messages", "{\"model\":\"small\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"title?\"}]}"));
        JsonNode routed = JSON.readTree(post("/v1beta/models/flash:generateContent", "{\"contents\":[],"
                + "\"generationConfig\":{\"responseJsonSchema\":{\"type\":\"OBJECT\",\"properties\":{"
                + "\"reasoning\":{\"type\":\"STRING\"},\"score\":{\"type\":\"INTEGER\"}}}}}"));

        assertThat(title.at("/content/0/text").asText()).isEqualTo("OK");
        JsonNode choice = JSON.readTree(routed.at("/candidates/0/content/parts/0/text").asText());
        assertThat(choice.path("reasoning").isTextual()).isTrue();
        assertThat(choice.path("score").isNumber()).isTrue();
        assertThat(model.requests()).hasSize(2).noneMatch(ModelRequest::main);
    }

    @Test
    void codexSearchesForAnMcpToolBeforeCallingItInItsNamespace() throws Exception {
        model.script(steps(call(NOTIFY, Map.of("event", "progress", "summary", "hi"))));
        String tools = "\"tools\":[{\"type\":\"tool_search\"}]";

        List<JsonNode> first = events(post("/v1/responses", "{\"model\":\"gpt-5.5\"," + tools + ",\"input\":[]}"));
        List<JsonNode> second = events(post("/v1/responses", "{\"model\":\"gpt-5.5\"," + tools + ",\"input\":["
                + "{\"type\":\"tool_search_call\",\"call_id\":\"s1\"},{\"type\":\"tool_search_output\",\"call_id\":\"s1\","
                + "\"tools\":[{\"type\":\"namespace\",\"name\":\"mcp__telegram\"}]}]}"));

        assertThat(item(first).path("type").asText()).isEqualTo("tool_search_call");
        JsonNode call = item(second);
        assertThat(call.path("type").asText()).isEqualTo("function_call");
        assertThat(call.path("namespace").asText()).isEqualTo("mcp__telegram");
        assertThat(call.path("name").asText()).isEqualTo("telegram_notify");
        assertThat(second.get(second.size() - 1).path("type").asText()).isEqualTo("response.completed");
    }

    @Test
    void geminiNamesMcpToolsItsOwnWayAndReadsFunctionResponses() throws Exception {
        model.script(steps(call(NOTIFY, Map.of("event", "x", "summary", "y")), ModelScript.say("bye")));
        String tools = "\"tools\":[{\"functionDeclarations\":[{\"name\":\"mcp_telegram_telegram_notify\"}]}]";

        JsonNode first = events(post("/v1beta/models/pro:streamGenerateContent?alt=sse", "{" + tools
                + ",\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]}]}")).get(0);
        post("/v1beta/models/pro:streamGenerateContent?alt=sse", "{" + tools + ",\"contents\":["
                + "{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]},"
                + "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"mcp_telegram_telegram_notify\"}}]},"
                + "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"id\":\"c1\",\"name\":"
                + "\"mcp_telegram_telegram_notify\",\"response\":{\"output\":\"sent\"}}}]}]}");

        assertThat(first.at("/candidates/0/content/parts/0/functionCall/name").asText())
                .isEqualTo("mcp_telegram_telegram_notify");
        assertThat(model.mainRequests().get(1).toolResults()).containsExactly(new ToolResult("c1", NOTIFY, "sent", false));
    }

    private String post(String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(model.baseUrl() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The data of each server-sent event. */
    private static List<JsonNode> events(String stream) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stream.split("\r?\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring("data: ".length())));
            }
        }
        return events;
    }

    private static JsonNode item(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("type").asText().equals("response.output_item.done")).findFirst()
                .orElseThrow().path("item");
    }
}
