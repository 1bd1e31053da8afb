package io.github.telegrammcp.fake;

import java.time.Instant;
import java.util.Map;

/**
 * One method call the fake received: the canonical method name (e.g. {@code sendMessage}), its parameters as text
 * (JSON values as JSON text), any uploaded files, and when it arrived.
 */
public record RecordedCall(String method, Map<String, String> params, Map<String, UploadedFile> files, Instant time) {

    /** The parameter's value as received, or null. */
    public String param(String name) {
        return params.get(name);
    }
}
