package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.files.TestImages;
import io.modelcontextprotocol.spec.McpSchema;

/** Code, an image and a file sent by the packaged server over stdio, as an assistant would, to the fake Bot API. */
class RichOutputIT {

    static final Duration SHORT = Duration.ofSeconds(15);

    @TempDir
    static Path tmp;

    static FakeBotApi fake;
    static McpServerProcess server;
    static Path shared;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeBotApi().start();
        shared = Files.createDirectories(tmp.resolve("shared"));
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                tmp.resolve("state"), "TELEGRAM_SESSION", "rich", "TELEGRAM_ALLOWED_PATHS", shared.toString());
        server = new McpServerProcess(Jar.path(), tmp.resolve("project"), env);
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

    @Test
    void theThreeToolsAreListedWithTitlesAndTheirOriginalParameters() {
        List<McpSchema.Tool> tools = server.client().listTools().tools();
        assertThat(tools).allSatisfy(t -> assertThat(t.annotations().title()).isNotBlank());
        assertThat(parameters(tools, "telegram_send_code")).containsExactlyInAnyOrder("code", "language", "caption");
        assertThat(parameters(tools, "telegram_send_image")).containsExactlyInAnyOrder("image_path", "caption");
        assertThat(parameters(tools, "telegram_send_file")).containsExactlyInAnyOrder("file_path", "caption");
    }

    @Test
    void codeImageAndFileArriveNamedForTheSession() throws Exception {
        Path project = server.projectDir();
        byte[] png = TestImages.image("png", 400, 300);
        Files.createDirectories(project.resolve("out"));
        Files.write(project.resolve("out/chart.png"), png);
        Files.writeString(shared.resolve("build.log"), "BUILD SUCCESSFUL in 42s\n");

        McpSchema.CallToolResult code = server.call("telegram_send_code", Map.of("code",
                "for i in range(3):\n    print(f\"<{i}> & done\")", "language", "python", "caption", "The **loop**"));
        assertThat(code.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(McpServerProcess.text(code)).startsWith("Code sent to Telegram message ");
        SentMessage codeMessage = fake.awaitSentMessage(m -> m.rawText().contains("range(3)"), SHORT);
        assertThat(codeMessage.rawText()).startsWith("💻 <b>[rich]</b>\nThe <b>loop</b>")
                .contains("<pre><code class=\"language-python\">for i in range(3):\n    print(f\"&lt;{i}&gt; &amp; done\")");

        McpSchema.CallToolResult image = server.call("telegram_send_image", Map.of("image_path", "out/chart.png",
                "caption", "Latency after the fix"));
        assertThat(McpServerProcess.text(image)).startsWith("Image chart.png (").contains("as a photo");
        SentMessage photo = fake.awaitSentMessage(m -> m.kind() == SentMessage.Kind.PHOTO, SHORT);
        assertThat(photo.bytes()).isEqualTo(png);
        assertThat(photo.contentType()).isEqualTo("image/png");
        assertThat(photo.rawText()).isEqualTo("🖼 <b>[rich]</b>\nLatency after the fix");

        McpSchema.CallToolResult file = server.call("telegram_send_file", Map.of("file_path",
                shared.resolve("build.log").toString()));
        assertThat(McpServerProcess.text(file)).startsWith("File build.log (24 bytes) sent to Telegram");
        SentMessage document = fake.awaitSentMessage(m -> m.kind() == SentMessage.Kind.DOCUMENT, SHORT);
        assertThat(new String(document.bytes(), StandardCharsets.UTF_8)).isEqualTo("BUILD SUCCESSFUL in 42s\n");
        assertThat(document.rawText()).isEqualTo("📎 <b>[rich]</b>");
    }

    @Test
    void refusedPathsAreToolErrorsThatSayWhatToDo() throws Exception {
        Files.writeString(server.projectDir().resolve(".env"), "OPENAI_API_KEY=sk-123");
        McpSchema.CallToolResult secret = server.call("telegram_send_file", Map.of("file_path", ".env"));
        assertThat(secret.isError()).isTrue();
        assertThat(McpServerProcess.text(secret)).contains("looks like a secret").contains("redacted copy");
        McpSchema.CallToolResult outside = server.call("telegram_send_image", Map.of("image_path", "../../etc/passwd"));
        assertThat(outside.isError()).isTrue();
        assertThat(McpServerProcess.text(outside)).contains("TELEGRAM_ALLOWED_PATHS");
        assertThat(fake.sentMessages()).noneMatch(m -> m.visibleText() != null && m.visibleText().contains("sk-123"));
        assertThat(server.stderr()).doesNotContain(FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1));
    }

    private static List<String> parameters(List<McpSchema.Tool> tools, String name) {
        McpSchema.Tool tool = tools.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
        return List.copyOf(tool.inputSchema().properties().keySet());
    }
}
