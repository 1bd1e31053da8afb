package io.github.telegrammcp.stdio;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into LF-terminated lines without decoding them. A line is kept as bytes, once, and only up to a
 * limit: past {@code maxBytes}, or past a short preview when its first byte shows it cannot be JSON, the rest is
 * counted and discarded as it streams by. The buffer of a line stays valid until the next call of {@link #next()}.
 */
final class LineReader {

    /** How much of a line that cannot be JSON is kept, for the log. */
    static final int PREVIEW_BYTES = 1024;
    private static final int INITIAL = 8 * 1024;
    /** A buffer grown beyond this for one big line is dropped afterwards rather than kept for the process's life. */
    private static final int KEEP_CAPACITY = 1024 * 1024;

    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkPos;
    private int chunkEnd;
    private boolean eof;

    private byte[] line = new byte[INITIAL];
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
        if (line.length > KEEP_CAPACITY) {
            line = new byte[INITIAL];
        }
        kept = 0;
        total = 0;
        firstByte = -1;
        storing = true;
        while (true) {
            if (chunkPos == chunkEnd) {
                int n = in.read(chunk);
                if (n < 0) {
                    eof = true;
                    return total > 0;
                }
                chunkPos = 0;
                chunkEnd = n;
                continue;
            }
            int newline = indexOf(chunk, chunkPos, chunkEnd);
            int stop = newline < 0 ? chunkEnd : newline;
            append(chunk, chunkPos, stop);
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                return true;
            }
        }
    }

    /** The kept bytes of the current line (all of it unless {@link #truncated()}). */
    byte[] bytes() {
        return line;
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
        if (kept + room > line.length) {
            long wanted = Math.max((long) kept + room, (long) line.length + (line.length >> 1));
            byte[] bigger = new byte[(int) Math.min(wanted, maxBytes)];
            System.arraycopy(line, 0, bigger, 0, kept);
            line = bigger;
        }
        System.arraycopy(source, from, line, kept, room);
        kept += room;
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
