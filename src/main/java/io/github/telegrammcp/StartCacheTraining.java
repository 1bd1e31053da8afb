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
 * <p>
 * Also (any Java version): the classes that the permission hook, a JVM of its own per prompt, loaded in its training run
 * ({@code TELEGRAM_MCP_TRAIN_HOOK_CLASSES}, set by {@code bin/build-start-cache}), so that the hook, which runs from
 * the same jar and start-up cache, finds them there.
 */
@ApplicationScoped
class StartCacheTraining {

    private static final Logger LOG = Logger.getLogger(StartCacheTraining.class);
    private static final String SOURCE = " source: ";

    void beforeExit(@Observes
    @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        link(System.getenv("TELEGRAM_MCP_TRAIN_CLASSES"), false, "loaded from jars");
        link(System.getenv("TELEGRAM_MCP_TRAIN_HOOK_CLASSES"), true, "the permission hook loaded");
    }

    /**
     * Links the classes a class-loading log names. {@code withJdk}: the JDK's own classes too (the hook's HTTP client,
     * for one, is not in the JDK's archive, and the server never loads it).
     */
    private static void link(String log, boolean withJdk, String what) {
        if (log == null || log.isBlank() || !Files.isReadable(Path.of(log))) {
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
            if (at < 0) {
                continue;
            }
            String source = line.substring(at + SOURCE.length());
            int name = line.lastIndexOf(' ', at - 1) + 1;
            // Classes from jars (and the JDK's modules, when asked): the shared archive's are linked already, and
            // generated or hidden ones are not archived.
            if (!source.startsWith("jar:") && !source.startsWith("file:") && !(withJdk && source.startsWith("jrt:"))) {
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
        LOG.infof("Start-up cache training: linked %d classes %s", linked, what);
    }
}
