package io.github.telegrammcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives a Quarkus test run its own empty state directory, so no earlier run's sessions or offsets leak in. */
public class FreshStateResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-state").toAbsolutePath());
            Path dir = Files.createTempDirectory(base, "run-");
            return Map.of("telegram.state-dir", dir.toString(), "telegram.internal.progress-seconds", "1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // Kept for inspection after a failure; target/ is cleaned by the build.
    }
}
