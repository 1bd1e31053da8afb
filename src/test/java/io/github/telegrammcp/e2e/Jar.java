package io.github.telegrammcp.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the packaged server is (failsafe passes it as the system property {@code runner.jar}). */
final class Jar {

    private Jar() {
    }

    static Path path() {
        Path jar = Path.of(System.getProperty("runner.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Package the server first (./mvnw package): " + jar + " is missing");
        }
        return jar;
    }
}
