package io.github.telegrammcp.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

import org.jboss.logging.Logger;

/**
 * What the stdio extension reads as {@code System.in}: only the lines that {@link InboundPolicy} lets through, each
 * ending with LF. It reads the real stdin on the extension's own reading thread, one line at a time and only when the
 * extension asks for more, so the end of stdin reaches the extension as soon as it happens (it then exits).
 */
final class GuardedInput extends InputStream {

    private static final Logger LOG = Logger.getLogger(GuardedInput.class);
    private static final byte[] LF = { '\n' };

    private final LineReader lines;
    private final InboundPolicy policy;
    /** Slices of the current line still to hand out; they point into the reader's buffer or a batch element. */
    private final ArrayDeque<Slice> pending = new ArrayDeque<>();
    private boolean ended;

    GuardedInput(LineReader lines, InboundPolicy policy) {
        this.lines = lines;
        this.policy = policy;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pending.isEmpty()) {
            if (!nextLine()) {
                return -1;
            }
        }
        Slice head = pending.peek();
        int n = Math.min(len, head.end - head.pos);
        System.arraycopy(head.bytes, head.pos, b, off, n);
        head.pos += n;
        if (head.pos == head.end) {
            pending.poll();
        }
        return n;
    }

    /** Bytes of the current line not handed out yet: the extension's decoder must not block for the next line. */
    @Override
    public int available() {
        int n = 0;
        for (Slice s : pending) {
            n += s.end - s.pos;
        }
        return n;
    }

    private boolean nextLine() {
        if (ended) {
            return false;
        }
        try {
            if (!lines.next()) {
                ended = true;
                return false;
            }
        } catch (IOException e) {
            // The client's end of the pipe is gone in some odd way: treat it as the end, so the server exits.
            LOG.warnf("Reading stdin failed, treating it as closed: %s", e.getMessage());
            ended = true;
            return false;
        }
        try {
            policy.accept(lines, new InboundPolicy.Forward() {
                @Override
                public void piece(byte[] bytes, int offset, int length) {
                    pending.add(new Slice(bytes, offset, offset + length));
                }

                @Override
                public void end() {
                    pending.add(new Slice(LF, 0, 1));
                }
            });
        } catch (RuntimeException e) {
            // A bug here must not end the extension's reading loop (it would never read again): lose this line only.
            pending.clear();
            policy.failed(lines, e);
        }
        return true;
    }

    @Override
    public void close() {
        // The extension closes its reader when it stops; the real stdin stays with the JVM.
        ended = true;
        pending.clear();
    }

    private static final class Slice {
        final byte[] bytes;
        int pos;
        final int end;

        Slice(byte[] bytes, int pos, int end) {
            this.bytes = bytes;
            this.pos = pos;
            this.end = end;
        }
    }
}
