package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTestClient.Reply;
import io.github.telegrammcp.fake.BotApiTypes.Message;
import io.github.telegrammcp.fake.BotApiTypes.PhotoSize;
import io.github.telegrammcp.files.TestImages;

/** sendPhoto, sendDocument, getFile and downloads, with Telegram's limits. */
class FakeBotApiMediaTest extends FakeBotApiTestBase {

    private static final Map<String, String> OWNER = Map.of("chat_id", "1001");

    /** A PNG header with the given size followed by {@code padding} bytes; enough for Telegram's format check. */
    /** A PNG signature and a complete IHDR chunk (8-bit RGB) for the size, then {@code padding} zero bytes. */
    static byte[] png(int width, int height, int padding) {
        ByteBuffer png = ByteBuffer.allocate(33 + padding);
        png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'I', 'H', 'D', 'R' });
        png.putInt(width).putInt(height).put(new byte[] { 8, 2, 0, 0, 0 });
        CRC32 crc = new CRC32();
        crc.update(png.array(), 12, 17);
        png.putInt((int) crc.getValue());
        return png.array();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> map = new java.util.LinkedHashMap<>(base);
        map.put(key, value);
        return map;
    }

    @Test
    void sendPhotoStoresTheUploadAndAnswersWithPhotoSizes() throws Exception {
        byte[] image = png(1600, 1200, 100);

        Reply reply = client.multipart("sendPhoto", with(with(OWNER, "caption", "<b>Screenshot</b> 1"), "parse_mode",
                "HTML"), "photo", "screen.png", "image/png", image);

        assertThat(reply.ok()).as(reply.body().toString()).isTrue();
        JsonNode photo = reply.result().get("photo");
        assertThat(photo).hasSize(3);
        assertThat(photo.get(2).get("width").asInt()).isEqualTo(1600);
        assertThat(photo.get(2).get("height").asInt()).isEqualTo(1200);
        assertThat(photo.get(2).get("file_size").asLong()).isEqualTo(image.length);
        assertThat(photo.get(0).get("width").asInt()).isEqualTo(90);
        assertThat(photo.get(0).get("file_unique_id").asText()).isNotBlank();
        assertThat(reply.result().get("caption").asText()).isEqualTo("Screenshot 1");
        assertThat(reply.result().get("caption_entities").get(0).get("type").asText()).isEqualTo("bold");
        assertThat(reply.result().has("text")).isFalse();

        SentMessage sent = fake.sentMessages().get(0);
        assertThat(sent.kind()).isEqualTo(SentMessage.Kind.PHOTO);
        assertThat(sent.fileName()).isEqualTo("screen.png");
        assertThat(sent.contentType()).isEqualTo("image/png");
        assertThat(sent.bytes()).isEqualTo(image);
        assertThat(sent.rawText()).isEqualTo("<b>Screenshot</b> 1");
        assertThat(sent.visibleText()).isEqualTo("Screenshot 1");

        String largest = photo.get(2).get("file_id").asText();
        String path = client.json("getFile", "{\"file_id\":\"" + largest + "\"}").result().get("file_path").asText();
        assertThat(client.download(path).body()).isEqualTo(image);
    }

    @Test
    void smallPhotosGetTwoSizes() {
        Reply reply = client.multipart("sendPhoto", OWNER, "photo", "dot.gif", "image/gif",
                TestImages.image("gif", 1, 1));

        assertThat(reply.result().get("photo")).hasSize(2);
    }

    @Test
    void photosMustBeImages() {
        Reply text = client.multipart("sendPhoto", OWNER, "photo", "fake.png", "image/png", "not an image".getBytes());
        Reply jpeg = client.multipart("sendPhoto", OWNER, "photo", "a.jpg", "image/jpeg",
                TestImages.image("jpg", 2, 2));
        Reply webp = client.multipart("sendPhoto", OWNER, "photo", "a.webp", "image/webp",
                new byte[] { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ' });

        assertThat(text.status()).isEqualTo(400);
        assertThat(text.description()).isEqualTo("Bad Request: IMAGE_PROCESS_FAILED");
        assertThat(jpeg.ok()).isTrue();
        assertThat(webp.ok()).isTrue();
    }

    @Test
    void photosOver10MbAreRefused() {
        Reply reply = client.multipart("sendPhoto", OWNER, "photo", "big.png", "image/png",
                png(4000, 3000, 10 * 1024 * 1024));

        assertThat(reply.description()).isEqualTo("Bad Request: PHOTO_SAVE_FILE_INVALID");
    }

    @Test
    void uploadsOver50MbAreTooLarge() {
        byte[] huge = new byte[50 * 1024 * 1024 + 1];

        Reply reply = client.multipart("sendDocument", OWNER, "document", "huge.bin", "application/octet-stream", huge);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo(413);
        assertThat(reply.description()).isEqualTo("Request Entity Too Large");
    }

    @Test
    void captionsAreLimitedTo1024VisibleCharacters() {
        String ok = "<i>" + "c".repeat(1024) + "</i>";

        Reply fits = client.multipart("sendDocument", with(with(OWNER, "caption", ok), "parse_mode", "HTML"),
                "document", "a.txt", "text/plain", "a".getBytes());
        Reply tooLong = client.multipart("sendPhoto", with(OWNER, "caption", "c".repeat(1025)), "photo", "a.png",
                "image/png", png(10, 10, 0));

        assertThat(fits.ok()).isTrue();
        assertThat(tooLong.description()).isEqualTo("Bad Request: message caption is too long");
    }

    @Test
    void sendDocumentAnswersWithTheDocumentAndServesItBack() throws Exception {
        byte[] content = "line 1\nline 2\n".getBytes();

        Reply reply = client.multipart("sendDocument", with(with(OWNER, "caption", "log"), "reply_markup",
                "{\"inline_keyboard\":[[{\"text\":\"Open\",\"url\":\"https://example.org\"}]]}"), "document", "build.log",
                "text/plain", content);

        JsonNode document = reply.result().get("document");
        assertThat(document.get("file_name").asText()).isEqualTo("build.log");
        assertThat(document.get("mime_type").asText()).isEqualTo("text/plain");
        assertThat(document.get("file_size").asLong()).isEqualTo(content.length);
        assertThat(reply.result().get("reply_markup").get("inline_keyboard").get(0).get(0).get("url").asText())
                .isEqualTo("https://example.org");
        SentMessage sent = fake.sentMessages().get(0);
        assertThat(sent.kind()).isEqualTo(SentMessage.Kind.DOCUMENT);
        assertThat(sent.fileName()).isEqualTo("build.log");
        assertThat(sent.bytes()).isEqualTo(content);
        assertThat(fake.calls("sendDocument").get(0).files().get("document").fileName()).isEqualTo("build.log");

        JsonNode file = client.json("getFile", "{\"file_id\":\"" + document.get("file_id").asText() + "\"}").result();
        assertThat(file.get("file_size").asLong()).isEqualTo(content.length);
        assertThat(file.get("file_path").asText()).endsWith(".log");
        HttpResponse<byte[]> download = client.download(file.get("file_path").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(content);
        assertThat(fake.downloads()).containsExactly(file.get("file_path").asText());
    }

    @Test
    void aFileCanBeSentAgainByFileIdOrAttachedByName() {
        String fileId = fake.registerFile("report.pdf", "%PDF-1.7".getBytes());

        Reply byId = client.json("sendDocument", "{\"chat_id\":1001,\"document\":\"" + fileId + "\"}");
        Reply attached = client.multipart("sendDocument", with(OWNER, "document", "attach://file0"), "file0", "x.txt",
                "text/plain", "x".getBytes());
        Reply unknown = client.json("sendDocument", "{\"chat_id\":1001,\"document\":\"nope\"}");
        Reply missing = client.json("sendDocument", "{\"chat_id\":1001}");

        assertThat(byId.ok()).isTrue();
        assertThat(attached.result().get("document").get("file_name").asText()).isEqualTo("x.txt");
        assertThat(unknown.description()).isEqualTo("Bad Request: wrong file identifier/HTTP URL specified");
        assertThat(missing.description()).isEqualTo("Bad Request: there is no document in the request");
    }

    @Test
    void anInjectedPhotoIsDownloadableAndItsLargestSizeIsLast() throws Exception {
        byte[] image = png(800, 600, 50);

        Message message = fake.injectOwnerPhoto(image, "look");

        assertThat(message.caption()).isEqualTo("look");
        assertThat(message.photo()).hasSizeBetween(2, 3);
        PhotoSize largest = message.largestPhoto();
        assertThat(largest.width()).isEqualTo(800);
        JsonNode file = client.json("getFile", "{\"file_id\":\"" + largest.fileId() + "\"}").result();
        assertThat(client.download(file.get("file_path").asText()).body()).isEqualTo(image);
        String thumbnailPath = client.json("getFile", "{\"file_id\":\"" + message.photo().get(0).fileId() + "\"}")
                .result().get("file_path").asText();
        assertThat(Arrays.equals(client.download(thumbnailPath).body(), image)).isFalse();
    }

    @Test
    void injectedVoiceAndDocumentsAreDownloadable() throws Exception {
        byte[] ogg = { 'O', 'g', 'g', 'S', 0, 2 };
        Message voice = fake.injectOwnerVoice(ogg, 2);
        Message document = fake.injectOwnerDocument("a.csv", "text/csv", "a,b".getBytes(), null);

        JsonNode voiceFile = client.json("getFile", "{\"file_id\":\"" + voice.voice().fileId() + "\"}").result();
        JsonNode documentFile = client.json("getFile", "{\"file_id\":\"" + document.document().fileId() + "\"}")
                .result();

        assertThat(voiceFile.get("file_path").asText()).endsWith(".oga");
        assertThat(client.download(voiceFile.get("file_path").asText()).body()).isEqualTo(ogg);
        assertThat(client.download(documentFile.get("file_path").asText()).body()).isEqualTo("a,b".getBytes());
        assertThat(document.caption()).isNull();
    }

    @Test
    void filesOver20MbCannotBeFetched() {
        String big = fake.registerFile(20L * 1024 * 1024 + 1);
        Message bigDocument = fake.injectOwnerDocument("video.mp4", "video/mp4", 25L * 1024 * 1024, null);
        String fits = fake.registerFile(1024);

        assertThat(client.json("getFile", "{\"file_id\":\"" + big + "\"}").description())
                .isEqualTo("Bad Request: file is too big");
        assertThat(client.json("getFile", "{\"file_id\":\"" + bigDocument.document().fileId() + "\"}").description())
                .isEqualTo("Bad Request: file is too big");
        assertThat(bigDocument.document().fileSize()).isEqualTo(25L * 1024 * 1024);
        assertThat(client.json("getFile", "{\"file_id\":\"" + fits + "\"}").result().get("file_size").asLong())
                .isEqualTo(1024);
    }

    @Test
    void unknownFilesAreInvalid() throws Exception {
        assertThat(client.json("getFile", "{\"file_id\":\"AgAC-unknown\"}").description())
                .isEqualTo("Bad Request: invalid file_id");
        assertThat(client.download("documents/file_999.txt").statusCode()).isEqualTo(404);
    }
}
