package io.github.telegrammcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineReaderTest {

    static List<String> lines(LineReader reader) throws IOException {
        List<String> out = new ArrayList<>();
        while (reader.next()) {
            out.add(new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out one byte per read, as a slow pipe may. */
    static InputStream trickle(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(1, len));
            }
        };
    }

    @Test
    void splitsAtLineFeedsKeepingEverythingElse() throws IOException {
        String text = "{\"a\":1}\n\n  \r\n{\"b\":\"é\"}\r\nlast without LF";
        assertThat(lines(new LineReader(stream(text), 1000)))
                .containsExactly("{\"a\":1}", "", "  \r", "{\"b\":\"é\"}\r", "last without LF");
        assertThat(lines(new LineReader(trickle(stream(text)), 1000)))
                .containsExactly("{\"a\":1}", "", "  \r", "{\"b\":\"é\"}\r", "last without LF");
        assertThat(lines(new LineReader(stream("one\n"), 1000))).containsExactly("one");
        assertThat(lines(new LineReader(stream(""), 1000))).isEmpty();
    }

    @Test
    void aLineOverTheLimitKeepsOnlyAPreviewAndTheNextLineIsWhole() throws IOException {
        String big = "{\"x\":\"" + "a".repeat(100_000) + "\"}";
        LineReader reader = new LineReader(stream(big + "\n{\"ok\":true}\n"), 50_000);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isTrue();
        assertThat(reader.truncated()).isTrue();
        assertThat(reader.totalLength()).isEqualTo(big.length());
        assertThat(reader.length()).isLessThanOrEqualTo(50_000);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isFalse();
        assertThat(new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(reader.next()).isFalse();
    }

    @Test
    void aLineAtTheLimitIsKeptWhole() throws IOException {
        String exact = "\"" + "a".repeat(998) + "\"";
        LineReader reader = new LineReader(trickle(stream(exact + "\n")), 1000);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isFalse();
        assertThat(reader.truncated()).isFalse();
        assertThat(new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8)).isEqualTo(exact);
    }

    @Test
    void aLineThatCannotBeJsonIsNotStoredBeyondThePreview() throws IOException {
        String garbage = "  x" + "y".repeat(10_000_000);
        LineReader reader = new LineReader(stream(garbage + "\n[1]\n"), 16 * 1024 * 1024);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isFalse();
        assertThat(reader.truncated()).isTrue();
        assertThat(reader.length()).isEqualTo(LineReader.PREVIEW_BYTES);
        assertThat(reader.bytes().length).as("the buffer never grew for it").isLessThanOrEqualTo(8 * 1024);
        assertThat(reader.totalLength()).isEqualTo(garbage.length());
        assertThat(reader.next()).isTrue();
        assertThat(new String(reader.bytes(), 0, reader.length(), StandardCharsets.UTF_8)).isEqualTo("[1]");
    }

    @Test
    void aBigBufferIsLetGoAfterItsLine() throws IOException {
        String big = "[\"" + "a".repeat(3_000_000) + "\"]";
        LineReader reader = new LineReader(stream(big + "\n[]\n"), 16 * 1024 * 1024);
        assertThat(reader.next()).isTrue();
        assertThat(reader.length()).isEqualTo(big.length());
        assertThat(reader.bytes().length).as("grown by half each time, not doubled").isLessThan(big.length() * 3 / 2 + 1);
        assertThat(reader.next()).isTrue();
        assertThat(reader.bytes().length).isLessThanOrEqualTo(8 * 1024);
    }
}
