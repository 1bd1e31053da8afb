package io.github.telegrammcp.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A fresh directory under target/e2e for one test class, kept after the run so that its logs can be read. */
final class WorkDir {

    private WorkDir() {
    }

    static Path fresh(String name) throws IOException {
        Path dir = Path.of("target", "e2e", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }
}
