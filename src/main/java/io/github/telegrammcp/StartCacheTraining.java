package io.github.telegrammcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;

/**
 * Only in the run that trains the start-up cache on Java 17-24 ({@code bin/build-start-cache}): at exit, links every
 * class that the run loaded from a jar but never linked. The JVM's dynamic archive leaves unlinked classes out, and a
 * fifth of what a session loads is such classes (Hibernate's above all: interfaces and types only named in signatures),
 * so without this every session parses them from the jars again, into memory of its own. The launcher names the
 * run's class-loading log in {@code TELEGRAM_MCP_TRAIN_CLASSES}; without it this does nothing.
 */
@ApplicationScoped
class StartCacheTraining {

    private static final Logger LOG = Logger.getLogger(StartCacheTraining.class);
    private static final String SOURCE = " source: ";

    void beforeExit(@Observes
    @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        String log = System.getenv("TELEGRAM_MCP_TRAIN_CLASSES");
        if (log == null || log.isBlank()) {
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(log));
        } catch (IOException e) {
            LOG.warnf("Start-up cache training: cannot read %s: %s", log, e.getMessage());
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        int linked = 0;
        for (String line : lines) {
            int at = line.indexOf(SOURCE);
            int name = line.lastIndexOf(' ', at - 1) + 1;
            // Classes from jars only: the shared archive's are linked, and generated or hidden ones are not archived.
            if (at < 0 || !line.startsWith("jar:", at + SOURCE.length()) && !line.startsWith("file:", at + SOURCE.length())) {
                continue;
            }
            try {
                // Initializing links; a class whose initializer fails stays out of the archive, as it would anyway.
                Class.forName(line.substring(name, at), true, loader);
                linked++;
            } catch (Throwable e) {
                LOG.debugf("Start-up cache training: %s not linked: %s", line.substring(name, at), e);
            }
        }
        LOG.infof("Start-up cache training: linked %d classes loaded from jars", linked);
    }
}
