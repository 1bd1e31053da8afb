package io.github.telegrammcp.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Sets TELEGRAM_ALLOWED_PATHS to a directory outside the project, the same for the resource and the test. */
public class AllowedPathsResource implements QuarkusTestResourceLifecycleManager {

    /** The extra root for this JVM (the resource and the test may live in different class loaders). */
    public static Path root() {
        return Path.of(System.getProperty("java.io.tmpdir"), "tgmcp-allowed-" + ProcessHandle.current().pid())
                .toAbsolutePath();
    }

    @Override
    public Map<String, String> start() {
        try {
            Files.createDirectories(root());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("telegram.allowed-paths", root().toString());
    }

    @Override
    public void stop() {
        // Left for inspection; it lives in the temp directory.
    }
}
