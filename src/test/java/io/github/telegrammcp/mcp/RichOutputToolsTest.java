package io.github.telegrammcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.bot.PollerJob;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.github.telegrammcp.fake.InjectFakeBotApi;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.fake.TelegramHtmlValidator;
import io.github.telegrammcp.files.AllowedPathsResource;
import io.github.telegrammcp.files.TestImages;
import io.github.telegrammcp.session.SessionRegistry;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** telegram_send_code, telegram_send_image and telegram_send_file against the fake Bot API. */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
@QuarkusTestResource(AllowedPathsResource.class)
class RichOutputToolsTest {

    static final Duration SHORT = Duration.ofSeconds(10);
    static final long MB = 1024L * 1024L;

    @InjectFakeBotApi
    FakeBotApi fake;

    @Inject
    RichOutputTools tools;

    @Inject
    NotifyTools notifyTools;

    @Inject
    SessionRegistry registry;

    @Inject
    PollerJob poller;

    /** A fresh directory inside the project (the working directory), given to the tools as a relative path. */
    Path dir;
    String rel;

    @BeforeEach
    void freshDirectoryAndFake() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!poller.isPolling() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        rel = "target/rich-output/" + UUID.randomUUID();
        dir = Files.createDirectories(Path.of(rel).toAbsolutePath());
        fake.reset();
    }

    @Test
    void codeIsOneHighlightedEscapedBlockNamedForTheSession() {
        String code = "if (a < b && c > d) {\n    print(\"`tick` 😀 中文\");\n}";
        String result = tools.sendCode(code, "java", "The **fix**");
        assertThat(result).startsWith("Code sent to Telegram message ");
        SentMessage sent = single();
        assertThat(sent.parseMode()).isEqualTo("HTML");
        assertThat(sent.rawText()).startsWith(header("💻") + "\nThe <b>fix</b>\n\n")
                .contains("<pre><code class=\"language-java\">if (a &lt; b &amp;&amp; c &gt; d) {");
        assertThat(sent.visibleText()).contains(code);
    }

    @Test
    void longCodeIsSplitAtLinesIntoNumberedPartsThatEachNameTheSession() {
        String code = IntStream.range(0, 250).mapToObj(i -> "line " + i + " <&> " + "x".repeat(i % 17))
                .collect(Collectors.joining("\n"));
        tools.sendCode(code, "python", null);
        List<SentMessage> sent = fake.sentMessages();
        assertThat(sent).hasSizeBetween(2, 3).allSatisfy(m -> {
            assertThat(m.kind()).isEqualTo(SentMessage.Kind.TEXT);
            assertThat(m.parseMode()).isEqualTo("HTML");
            assertThat(m.rawText()).startsWith(header("💻")).hasSizeLessThanOrEqualTo(4096);
        });
        assertThat(sent.get(0).rawText()).contains("Part 1/" + sent.size());
        String joined = sent.stream().map(m -> m.visibleText().substring(m.visibleText().indexOf('\n', m.visibleText()
                .indexOf("Part ")) + 1)).collect(Collectors.joining("\n"));
        assertThat(joined).isEqualTo(code);
    }

    @Test
    void codeTooLongForThreeMessagesIsAFileWithTheLanguageExtension() {
        String code = "def f():\n" + "    return '<&>'  # 😀\n".repeat(1500);
        String result = tools.sendCode(code, "Python", "Generated *parser*");
        assertThat(result).contains("as the file snippet.py");
        SentMessage doc = single();
        assertThat(doc.kind()).isEqualTo(SentMessage.Kind.DOCUMENT);
        assertThat(doc.fileName()).isEqualTo("snippet.py");
        assertThat(new String(doc.bytes(), StandardCharsets.UTF_8)).isEqualTo(code);
        assertThat(doc.rawText()).isEqualTo(header("💻") + "\nGenerated <i>parser</i>");
    }

    @ParameterizedTest
    @CsvSource({ "png, image/png", "jpg, image/jpeg", "gif, image/gif", "webp, image/webp" })
    void eachImageTypeGoesAsAPhotoWithItsContentType(String format, String contentType) throws IOException {
        byte[] bytes = TestImages.image(format, 640, 480);
        Files.write(dir.resolve("shot." + format), bytes);
        String result = tools.sendImage(rel + "/shot." + format, "Home page after the **fix**");
        assertThat(result).contains("sent to Telegram as a photo");
        SentMessage photo = single();
        assertThat(photo.kind()).isEqualTo(SentMessage.Kind.PHOTO);
        assertThat(photo.contentType()).isEqualTo(contentType);
        assertThat(photo.bytes()).isEqualTo(bytes);
        assertThat(photo.rawText()).isEqualTo(header("🖼") + "\nHome page after the <b>fix</b>");
    }

    @Test
    void aPhotoOverTenMegabytesGoesAsADocument() throws IOException {
        byte[] png = TestImages.image("png", 800, 600);
        byte[] big = java.util.Arrays.copyOf(png, (int) (11 * MB)); // padding after IEND, as some tools write
        Files.write(dir.resolve("huge.png"), big);
        String result = tools.sendImage(rel + "/huge.png", null);
        assertThat(result).contains("as a file, not as a photo, because it is 11.0 MB");
        SentMessage doc = single();
        assertThat(doc.kind()).isEqualTo(SentMessage.Kind.DOCUMENT);
        assertThat(doc.contentType()).isEqualTo("image/png");
        assertThat(doc.bytes()).hasSize(big.length);
    }

    @Test
    void anElongatedImageOrANonImageGoesAsADocument() throws IOException {
        Files.write(dir.resolve("strip.png"), TestImages.image("png", 2100, 100));
        assertThat(tools.sendImage(rel + "/strip.png", null)).contains("more elongated than the 20:1");
        Files.writeString(dir.resolve("diagram.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        assertThat(tools.sendImage(rel + "/diagram.svg", null)).contains("not a PNG, JPEG, GIF or WebP");
        assertThat(fake.sentMessages()).extracting(SentMessage::kind).containsExactly(SentMessage.Kind.DOCUMENT,
                SentMessage.Kind.DOCUMENT);
        assertThat(fake.sentMessages().get(1).contentType()).isEqualTo("image/svg+xml");
    }

    @Test
    void aFileIsSentUnchangedWithItsName() throws IOException {
        byte[] content = "name,value\nä,1\n".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("report.csv"), content);
        String result = tools.sendFile(rel + "/report.csv", "Nightly numbers");
        assertThat(result).startsWith("File report.csv (16 bytes) sent to Telegram, message ");
        SentMessage doc = single();
        assertThat(doc.kind()).isEqualTo(SentMessage.Kind.DOCUMENT);
        assertThat(doc.fileName()).isEqualTo("report.csv");
        assertThat(doc.contentType()).isEqualTo("text/csv");
        assertThat(doc.bytes()).isEqualTo(content);
        assertThat(doc.rawText()).isEqualTo(header("📎") + "\nNightly numbers");
    }

    @Test
    void aFileNameWithSpacesQuotesAndNonAsciiCharactersArrivesIntact() throws IOException {
        String name = "Bericht \"final\" 報告 ä.txt";
        Files.writeString(dir.resolve(name), "content");
        tools.sendFile(rel + "/" + name, null);
        assertThat(single().fileName()).isEqualTo("Bericht _final_ 報告 ä.txt");
    }

    @Test
    void filesOverFiftyMegabytesAndEmptyFilesAreRefusedBeforeUploading() throws IOException {
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("dump.bin").toFile(), "rw")) {
            sparse.setLength(51 * MB);
        }
        Files.write(dir.resolve("empty.log"), new byte[0]);
        assertThatThrownBy(() -> tools.sendFile(rel + "/dump.bin", null)).isInstanceOf(ToolCallException.class)
                .hasMessageContaining("51.0 MB").hasMessageContaining("at most 50 MB");
        assertThatThrownBy(() -> tools.sendImage(rel + "/dump.bin", null)).isInstanceOf(ToolCallException.class)
                .hasMessageContaining("at most 50 MB");
        assertThatThrownBy(() -> tools.sendFile(rel + "/empty.log", null)).isInstanceOf(ToolCallException.class)
                .hasMessageContaining("is empty");
        assertThat(fake.calls("sendDocument")).isEmpty();
        assertThat(fake.calls("sendPhoto")).isEmpty();
    }

    @Test
    void aCaptionOverTheLimitFollowsTheImageAndRepliesToEitherReachTheSession() throws IOException {
        Files.write(dir.resolve("chart.png"), TestImages.image("png", 300, 200));
        String caption = "Results: " + "latency went **down** & throughput < up. ".repeat(40);
        String result = tools.sendImage(rel + "/chart.png", caption);
        List<SentMessage> sent = fake.sentMessages();
        assertThat(sent).extracting(SentMessage::kind).containsExactly(SentMessage.Kind.PHOTO, SentMessage.Kind.TEXT);
        assertThat(sent.get(0).rawText()).isEqualTo(header("🖼") + " <i>(caption in the next message)</i>");
        assertThat(sent.get(1).rawText()).startsWith(header("🖼") + "\nResults: latency went <b>down</b> &amp;");
        assertThat(sent.get(1).visibleText()).contains(caption.replace("**", "").strip());
        assertThat(result).contains("2 messages [" + sent.get(0).messageId() + ", " + sent.get(1).messageId() + "]");
        String session = registry.currentId().orElseThrow();
        for (SentMessage m : sent) {
            assertThat(recordedSession(m.messageId())).as("reply routing of message %s", m.messageId())
                    .isEqualTo(session);
        }
    }

    @Test
    void aRejectedCaptionIsSentOnceMoreAsPlainTextWithTheSameFile() throws IOException {
        Files.write(dir.resolve("a.png"), TestImages.image("png", 50, 50));
        fake.failNext("sendPhoto", 400, "Bad Request: can't parse entities: unsupported start tag");
        tools.sendImage(rel + "/a.png", "x < y");
        SentMessage photo = single();
        assertThat(photo.parseMode()).isNull();
        assertThat(photo.rawText()).isEqualTo("🖼 [" + registry.currentName() + "]\nx < y");
    }

    @Test
    void rateLimitedUploadIsWaitedOutAndSentOnce() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        fake.failNext("sendDocument", 429, null, 1);
        tools.sendFile(rel + "/notes.txt", null);
        assertThat(fake.sentMessages()).hasSize(1);
        assertThat(fake.calls("sendDocument")).hasSize(2);
    }

    @Test
    void telegramRefusalsBecomeToolErrorsWithoutTheToken() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        fake.failNext("sendDocument", 403, "Forbidden: bot was blocked by the user");
        assertThatThrownBy(() -> tools.sendFile(rel + "/notes.txt", null)).isInstanceOf(ToolCallException.class)
                .hasMessageContaining("press Start").hasMessageNotContaining(FakeBotApi.TOKEN)
                .hasMessageNotContaining("127.0.0.1");
    }

    @Test
    void pathsOutsideTheProjectSymlinksOutAndSecretsAreRefused() throws IOException {
        Path outside = Files.createTempFile("tgmcp-outside", ".txt");
        Files.createSymbolicLink(dir.resolve("link.txt"), outside);
        Files.writeString(dir.resolve(".env"), "API_KEY=123");
        Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----");
        assertRefused(() -> tools.sendFile("../outside.txt", null), "outside the project directory");
        assertRefused(() -> tools.sendFile(outside.toString(), null), "TELEGRAM_ALLOWED_PATHS");
        assertRefused(() -> tools.sendImage("/etc/passwd", null), "outside the project directory");
        assertRefused(() -> tools.sendFile(rel + "/link.txt", null), "symbolic link");
        assertRefused(() -> tools.sendFile(rel + "/.env", null), "looks like a secret");
        assertRefused(() -> tools.sendFile(rel + "/id_ed25519", null), "SSH private key");
        assertRefused(() -> tools.sendImage(rel + "/missing.png", null), "File not found: " + rel + "/missing.png");
        assertRefused(() -> tools.sendFile(rel, null), "is a directory");
        assertRefused(() -> tools.sendFile(" ", null), "'file_path' is required");
        assertThat(fake.calls()).noneMatch(c -> c.method().startsWith("send"));
    }

    @Test
    void aDirectoryInTelegramAllowedPathsIsAnExtraRoot() throws IOException {
        Path shared = Files.createDirectories(AllowedPathsResource.root().resolve("shared"));
        Files.writeString(shared.resolve("log.txt"), "from the shared directory");
        tools.sendFile(shared.resolve("log.txt").toString(), null);
        assertThat(new String(single().bytes(), StandardCharsets.UTF_8)).isEqualTo("from the shared directory");
        Files.writeString(shared.resolve(".env"), "X=1");
        assertRefused(() -> tools.sendFile(shared.resolve(".env").toString(), null), "looks like a secret");
    }

    @Test
    void notifyDeliversLongDetailsInValidMessagesThatEachNameTheSession() {
        StringBuilder details = new StringBuilder();
        for (int i = 0; details.length() < 30_000; i++) {
            details.append("- item ").append(i).append(": `a<b>&c` **bold** _it_ 中文 😀 [link](https://example.org/?q=")
                    .append(i).append("&x=<y>)\n");
        }
        notifyTools.notify("completed", "Long report", details.toString());
        List<SentMessage> sent = fake.sentMessages();
        assertThat(sent).hasSizeGreaterThan(5).allSatisfy(m -> {
            assertThat(m.parseMode()).as("accepted as HTML, no plain-text fallback").isEqualTo("HTML");
            assertThat(m.rawText()).hasSizeLessThanOrEqualTo(4096);
        });
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).rawText()).startsWith("<b>[" + registry.currentName() + "]</b> <i>(part " + (i + 1)
                    + "/" + sent.size() + ")</i>\n");
        }
        String visible = sent.stream().map(SentMessage::visibleText).collect(Collectors.joining("\n"));
        for (int i = 0; i < 200; i++) {
            assertThat(visible).contains("item " + i + ": a<b>&c bold it 中文 😀 link");
        }
        assertThat(TelegramHtmlValidator.parse(sent.get(0).rawText())).startsWith("✅ [");
    }

    private String header(String icon) {
        return icon + " <b>[" + registry.currentName() + "]</b>";
    }

    private SentMessage single() {
        List<SentMessage> sent = fake.sentMessages();
        assertThat(sent).hasSize(1);
        return sent.get(0);
    }

    private String recordedSession(long messageId) {
        return QuarkusTransaction.requiringNew().call(() -> io.github.telegrammcp.outgoing.SentMessage
                .sessionFor(FakeBotApi.OWNER_CHAT_ID, messageId)).orElse(null);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String part) {
        assertThatThrownBy(call).isInstanceOf(ToolCallException.class).hasMessageContaining(part)
                .hasMessageNotContaining("Exception");
    }
}
