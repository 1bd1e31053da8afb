package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MultipartParserTest {

    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Map<String, UploadedFile> files = new LinkedHashMap<>();

    private void parse(String body, String boundary) {
        MultipartParser.parse(body.getBytes(StandardCharsets.UTF_8), boundary, fields, files);
    }

    @Test
    void readsTextFieldsAndFilePartsWithTheirNamesAndTypes() {
        parse("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"chat_id\"\r\n\r\n1001\r\n"
                + "--XyZ\r\ncontent-disposition: form-data; name=\"caption\"\r\nContent-Type: text/plain; charset=UTF-8"
                + "\r\n\r\nline 1\r\nline 2 ✓\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"document\"; filename=\"a \\\"b\\\".txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n--not a boundary\r\n\r\n--XyZ--\r\n", "XyZ");

        assertThat(fields).containsEntry("chat_id", "1001").containsEntry("caption", "line 1\r\nline 2 ✓");
        UploadedFile file = files.get("document");
        assertThat(file.fileName()).isEqualTo("a \"b\".txt");
        assertThat(file.contentType()).isEqualTo("text/plain");
        assertThat(new String(file.bytes(), StandardCharsets.UTF_8)).isEqualTo("--not a boundary\r\n");
    }

    @Test
    void prefersTheExtendedFileNameAndDefaultsTheContentType() {
        parse("--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"fallback.png\"; "
                + "filename*=UTF-8''na%C3%AFve.png\r\n\r\nPNG\r\n--b--", "b");

        assertThat(files.get("photo").fileName()).isEqualTo("naïve.png");
        assertThat(files.get("photo").contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void findsTheBoundaryInTheContentType() {
        assertThat(MultipartParser.boundaryOf("multipart/form-data; boundary=\"a b\"")).isEqualTo("a b");
        assertThat(MultipartParser.boundaryOf("multipart/form-data;BOUNDARY=xyz; charset=utf-8")).isEqualTo("xyz");
        assertThat(MultipartParser.boundaryOf("multipart/form-data")).isNull();
    }

    @Test
    void aBodyWithoutTheBoundaryIsABadRequest() {
        assertThatThrownBy(() -> parse("no parts here", "zzz")).isInstanceOf(BotApiError.class)
                .hasMessage("Bad Request: can't parse multipart/form-data request");
    }
}
