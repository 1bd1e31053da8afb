package io.github.telegrammcp.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a byte stream into LF-terminated lines without decoding them. A line is kept as bytes, once, in blocks of
 * 64 KB (so a big line is never copied to grow), and only up to a limit: past {@code maxBytes}, or past a short
 * preview when its first byte shows it cannot be JSON, the rest is counted and discarded as it streams by. What is
 * kept stays valid until the next call of {@link #next()}.
 */
final class LineReader {

    /** How much of a line that cannot be JSON is kept, for the log. */
    static final int PREVIEW_BYTES = 1024;
    /** The size of each block of a line; a line up to this size is one array, {@link #head()}. */
    static final int BLOCK = 64 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private final byte[] input = new byte[BLOCK];
    private int inputPos;
    private int inputEnd;
    private boolean eof;

    /** The first block is kept for every line; the others only for the line that needed them. */
    private final List<byte[]> blocks = new ArrayList<>(List.of(new byte[BLOCK]));
    private int kept;
    private long total;
    private int firstByte;
    private boolean storing;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Reads the next line; false at the end of the stream. A last line without LF counts as a line. */
    boolean next() throws IOException {
        if (eof) {
            return false;
        }
        while (blocks.size() > 1) {
            blocks.remove(blocks.size() - 1);
        }
        kept = 0;
        total = 0;
        firstByte = -1;
        storing = true;
        while (true) {
            if (inputPos == inputEnd) {
                int n = in.read(input);
                if (n < 0) {
                    eof = true;
                    return total > 0;
                }
                inputPos = 0;
                inputEnd = n;
                continue;
            }
            int newline = indexOf(input, inputPos, inputEnd);
            int stop = newline < 0 ? inputEnd : newline;
            append(input, inputPos, stop);
            inputPos = newline < 0 ? inputEnd : newline + 1;
            if (newline >= 0) {
                return true;
            }
        }
    }

    /** The first block: the whole line when it is at most {@link #BLOCK} bytes long, else its beginning. */
    byte[] head() {
        return blocks.get(0);
    }

    /** How many bytes of the current line are in {@link #head()}. */
    int headLength() {
        return Math.min(kept, BLOCK);
    }

    /** How many blocks of {@link #BLOCK} bytes are held now (one, unless the current line needed more). */
    int blocks() {
        return blocks.size();
    }

    /** How many bytes of the current line are kept. */
    int length() {
        return kept;
    }

    /** The current line's full length in bytes, kept or not. */
    long totalLength() {
        return total;
    }

    /** Whether the current line is longer than the limit. */
    boolean tooLong() {
        return total > maxBytes;
    }

    /** The current line's first byte that is not JSON whitespace, or -1 if there is none. */
    int firstByte() {
        return firstByte;
    }

    /** Whether only a part of the current line was kept (too long, or it cannot be JSON). */
    boolean truncated() {
        return kept < total;
    }

    /** The kept bytes from {@code from} to {@code to}, read without copying them first. */
    InputStream open(int from, int to) {
        return new InputStream() {
            private int pos = from;

            @Override
            public int read() {
                return pos < to ? blocks.get(pos / BLOCK)[pos++ % BLOCK] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= to) {
                    return -1;
                }
                int n = Math.min(Math.min(len, to - pos), BLOCK - pos % BLOCK);
                System.arraycopy(blocks.get(pos / BLOCK), pos % BLOCK, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /** Hands out the kept bytes from {@code from} to {@code to} block by block, without copying them. */
    void pieces(int from, int to, InboundPolicy.Forward forward) {
        for (int pos = from; pos < to;) {
            int n = Math.min(to - pos, BLOCK - pos % BLOCK);
            forward.piece(blocks.get(pos / BLOCK), pos % BLOCK, n);
            pos += n;
        }
    }

    /**
     * JSON allows CR as whitespace, but the extension reads with {@code readLine()}, which also ends a line at a CR: a
     * CRLF line end, or a CR between tokens, would cut a valid message in two. In a valid line every CR is whitespace
     * (a raw CR inside a string is invalid JSON), so each one becomes a space, in place, and trailing ones are left
     * out. Returns the end of the line without them.
     */
    int withoutCarriageReturns(int from) {
        int end = kept;
        while (end > from && byteAt(end - 1) == '\r') {
            end--;
        }
        for (int b = from / BLOCK; b * BLOCK < end; b++) {
            byte[] block = blocks.get(b);
            for (int i = Math.max(from - b * BLOCK, 0), stop = Math.min(end - b * BLOCK, BLOCK); i < stop; i++) {
                if (block[i] == '\r') {
                    block[i] = ' ';
                }
            }
        }
        return end;
    }

    private byte byteAt(int index) {
        return blocks.get(index / BLOCK)[index % BLOCK];
    }

    private void append(byte[] source, int from, int to) {
        if (firstByte < 0) {
            for (int i = from; i < to; i++) {
                if (!isJsonWhitespace(source[i])) {
                    firstByte = source[i] & 0xFF;
                    break;
                }
            }
        }
        int n = to - from;
        total += n;
        if (!storing) {
            return;
        }
        int room = n;
        if (total > maxBytes) {
            storing = false;
            room = Math.max(0, Math.min(n, PREVIEW_BYTES - kept));
        } else if (firstByte >= 0 && !couldStartJson(firstByte) && kept + n > PREVIEW_BYTES) {
            storing = false;
            room = Math.max(0, PREVIEW_BYTES - kept);
        }
        for (int copied = 0; copied < room;) {
            if (kept / BLOCK == blocks.size()) {
                blocks.add(new byte[BLOCK]);
            }
            int n2 = Math.min(room - copied, BLOCK - kept % BLOCK);
            System.arraycopy(source, from + copied, blocks.get(kept / BLOCK), kept % BLOCK, n2);
            copied += n2;
            kept += n2;
        }
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    static boolean isJsonWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Whether a JSON text may start with this byte (a UTF-8 byte-order mark counts, it is dropped later). */
    static boolean couldStartJson(int b) {
        return b == '{' || b == '[' || b == '"' || b == '-' || b >= '0' && b <= '9' || b == 't' || b == 'f' || b == 'n'
                || b == 0xEF;
    }
}
