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
            out.add(text(reader));
        }
        return out;
    }

    static String text(LineReader reader) throws IOException {
        return new String(reader.open(0, reader.length()).readAllBytes(), StandardCharsets.UTF_8);
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
        assertThat(text(reader)).isEqualTo("{\"ok\":true}");
        assertThat(reader.next()).isFalse();
    }

    @Test
    void aLineAtTheLimitIsKeptWhole() throws IOException {
        String exact = "\"" + "a".repeat(998) + "\"";
        LineReader reader = new LineReader(trickle(stream(exact + "\n")), 1000);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isFalse();
        assertThat(reader.truncated()).isFalse();
        assertThat(text(reader)).isEqualTo(exact);
    }

    @Test
    void aLineThatCannotBeJsonIsNotStoredBeyondThePreview() throws IOException {
        String garbage = "  x" + "y".repeat(10_000_000);
        LineReader reader = new LineReader(stream(garbage + "\n[1]\n"), 16 * 1024 * 1024);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isFalse();
        assertThat(reader.truncated()).isTrue();
        assertThat(reader.firstByte()).isEqualTo('x');
        assertThat(reader.length()).isEqualTo(LineReader.PREVIEW_BYTES);
        assertThat(reader.blocks()).as("nothing was stored past the preview").isEqualTo(1);
        assertThat(reader.totalLength()).isEqualTo(garbage.length());
        assertThat(reader.next()).isTrue();
        assertThat(text(reader)).isEqualTo("[1]");
    }

    @Test
    void aBigLineIsHeldOnceInBlocksThatAreLetGoAfterIt() throws IOException {
        String big = "[\"" + "a".repeat(3_000_000) + "\"]";
        LineReader reader = new LineReader(trickleBy(stream(big + "\n[]\n"), 10_000), 16 * 1024 * 1024);
        assertThat(reader.next()).isTrue();
        assertThat(reader.length()).isEqualTo(big.length());
        assertThat(reader.blocks()).isEqualTo((big.length() + LineReader.BLOCK - 1) / LineReader.BLOCK);
        assertThat(text(reader)).isEqualTo(big);
        StringBuilder pieces = new StringBuilder();
        reader.pieces(1, big.length() - 1, new InboundPolicy.Forward() {
            @Override
            public void piece(byte[] bytes, int offset, int length) {
                pieces.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
            }

            @Override
            public void end() {
                pieces.append('|');
            }
        });
        assertThat(pieces.toString()).isEqualTo(big.substring(1, big.length() - 1));
        assertThat(reader.next()).isTrue();
        assertThat(reader.blocks()).isEqualTo(1);
        assertThat(text(reader)).isEqualTo("[]");
    }

    @Test
    void carriageReturnsBecomeSpacesAndTrailingOnesGoEvenAcrossBlocks() throws IOException {
        String line = "{\"a\":\r1," + " ".repeat(LineReader.BLOCK - 10) + "\r\"b\":2}\r\r";
        LineReader reader = new LineReader(stream(line + "\n"), 1 << 20);
        assertThat(reader.next()).isTrue();
        int end = reader.withoutCarriageReturns(0);
        assertThat(end).isEqualTo(line.length() - 2);
        assertThat(new String(reader.open(0, end).readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo(line.substring(0, line.length() - 2).replace('\r', ' '));
    }

    /** Hands out at most {@code n} bytes per read. */
    static InputStream trickleBy(InputStream in, int n) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(n, len));
            }
        };
    }
}
