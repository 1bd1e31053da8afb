package io.github.telegrammcp.stdio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.jboss.logging.Logger;

/**
 * The only writer of the real stdout: one whole line per call, under one lock, flushed at once, so that the guard's own
 * answers and the extension's messages never interleave within a line. JSON-RPC over stdio is UTF-8 whatever the
 * platform's default charset.
 */
final class StdoutWriter {

    private static final Logger LOG = Logger.getLogger(StdoutWriter.class);

    private final OutputStream out;
    private boolean failed;

    StdoutWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code json} and a LF. {@code json} must not contain a line break (JSON encoders never write one). */
    void writeLine(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                // The client has gone; the end of stdin follows and the server exits. Say so once.
                if (!failed) {
                    failed = true;
                    LOG.warnf("Writing to stdout failed (the client has probably gone): %s", e.getMessage());
                }
            }
        }
    }
}
