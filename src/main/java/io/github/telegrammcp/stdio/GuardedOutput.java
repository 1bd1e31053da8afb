package io.github.telegrammcp.stdio;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the stdio extension writes to (it takes {@code System.out} at start-up and writes each message with
 * {@code println(String)}): every line goes through {@link OutboundPolicy} to the {@link StdoutWriter}. Anything
 * written another way is gathered into lines and takes the same road.
 */
final class GuardedOutput extends java.io.PrintStream {

    private final OutboundPolicy policy;

    GuardedOutput(OutboundPolicy policy) {
        super(new LineGatherer(policy), true, StandardCharsets.UTF_8);
        this.policy = policy;
    }

    @Override
    public void println(String line) {
        policy.write(line);
    }

    @Override
    public void println(Object value) {
        println(String.valueOf(value));
    }

    /** Collects bytes written by other means up to each LF. */
    private static final class LineGatherer extends OutputStream {
        private final OutboundPolicy policy;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineGatherer(OutboundPolicy policy) {
            this.policy = policy;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                policy.write(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
