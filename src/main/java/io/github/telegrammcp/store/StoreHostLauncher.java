package io.github.telegrammcp.store;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import org.jboss.logging.Logger;

/**
 * Starts the detached database host ({@link StoreHost}) for a session process in H2 mode when no host answers, so
 * that the database is never hosted inside an assistant's process group (a Ctrl-Z there would stop every session's
 * database calls). Runs before a new pooled connection is opened, which then goes to the answering host over loopback
 * and never opens the file itself ({@link StateStoreDriver}); the processes of a state directory take turns through
 * {@link #START_LOCK}, so that one of them starts the host and the others wait for it to answer. When the host cannot
 * be started (no {@code setsid}, the spawn fails, it does not answer in time) the connection opens as before and this
 * process may host the database itself, with the reason logged.
 */
public final class StoreHostLauncher {

    private static final Logger LOG = Logger.getLogger(StoreHostLauncher.class);

    /** The setting: {@code process} (default: a detached host process) or {@code session} (a session hosts). */
    public static final String SETTING = "TELEGRAM_STORE_HOST";
    /** How long a session waits for a started host to answer before it goes on without it. */
    static final long ANSWER_TIMEOUT_MILLIS = 10_000;
    /** After a start that failed, no other attempt by this process in this interval (a failing host costs no more). */
    static final long RETRY_MILLIS = 30_000;
    /** The file whose lock the processes of a state directory take in turn to start a host (never H2's own files). */
    static final String START_LOCK = "store-host.start.lock";
    private static final int CONNECT_TIMEOUT_MILLIS = 300;
    /** Test hook: a command that stands for {@code setsid} (a missing one makes the start fail). */
    static final String SETSID_PROPERTY = "tgmcp.store-host.setsid";

    private static volatile boolean enabled;
    private static long lastFailure;

    private StoreHostLauncher() {
    }

    /**
     * Reads the setting for a server process (never for the tests' in-JVM server or the permission hook); returns a
     * problem with the value, if any, in words for the person (the default then applies).
     */
    public static Optional<String> configure(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "", "process" -> {
                enabled = true;
                return Optional.empty();
            }
            case "session" -> {
                enabled = false;
                return Optional.empty();
            }
            default -> {
                enabled = true;
                return Optional.of(SETTING + "=" + value + " is not known; use 'process' (a detached database host,"
                        + " the default) or 'session' (the first session hosts the database); using 'process'");
            }
        }
    }

    /**
     * The host that answers for the database file in {@code stateDir} ({@code address:port/key}, as H2's lock file
     * names it), starting one if none answers and that is allowed; empty when this process is to open the file itself
     * (the {@code session} setting, or no host could be started: the reason is logged).
     */
    static Optional<String> ensureHost(Path stateDir) {
        if (!enabled) {
            return Optional.empty();
        }
        Optional<String> host = answeringHost(stateDir);
        if (host.isPresent()) {
            return host;
        }
        synchronized (StoreHostLauncher.class) {
            host = answeringHost(stateDir);
            if (host.isPresent()) {
                return host;
            }
            long now = System.currentTimeMillis();
            if (lastFailure != 0 && now - lastFailure < RETRY_MILLIS) {
                return Optional.empty();
            }
            host = startInTurn(stateDir);
            if (host.isEmpty()) {
                lastFailure = System.currentTimeMillis();
            }
            return host;
        }
    }

    /**
     * Takes the state directory's start lock (an operating-system lock: a process that dies or is killed frees it), and
     * starts a host unless one answers by then: while another process starts one, this one waits for it instead of
     * starting a second JVM that would only find the file taken. A holder that does not let go within
     * {@link #ANSWER_TIMEOUT_MILLIS} (a stopped process) is not waited for longer: this process then starts a host
     * itself (H2's file lock still lets only one of them open the file).
     */
    private static Optional<String> startInTurn(Path stateDir) {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT_MILLIS * 1_000_000;
        try (FileChannel lockFile = FileChannel.open(stateDir.resolve(START_LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock turn = lockFile.tryLock();
            while (turn == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                Optional<String> host = answeringHost(stateDir);
                if (host.isPresent()) {
                    return host;
                }
                turn = lockFile.tryLock();
            }
            try {
                Optional<String> host = answeringHost(stateDir);
                return host.isPresent() ? host : start(stateDir);
            } finally {
                if (turn != null) {
                    turn.release();
                }
            }
        } catch (IOException | RuntimeException e) {
            // No lock to take (the directory does not take the file, say): start without one.
            LOG.debugf("No start lock in %s (%s)", stateDir, e.getMessage());
            return start(stateDir);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> start(Path stateDir) {
        Optional<String> setsid = setsid();
        if (setsid.isEmpty()) {
            LOG.warn("No 'setsid' command found: this process may host the database itself, and a Ctrl-Z in its"
                    + " terminal would then stop every session's database calls (install util-linux)");
            return Optional.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        String jar = System.getProperty("java.class.path", "");
        if (java.isEmpty() || jar.isBlank() || jar.contains(File.pathSeparator)) {
            LOG.warnf("Cannot tell the Java command or the server's jar (%s); this process may host the database",
                    jar);
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(List.of(setsid.get(), java.get(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx48m", "-Xmn4m", "-XX:-UsePerfData",
                "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
                "-Xlog:all=warning:stderr", "-Dfile.encoding=UTF-8",
                "-D" + LoopbackServer.PROPERTY + "=" + System.getProperty(LoopbackServer.PROPERTY, "127.0.0.1"),
                "-jar", jar, StoreHost.COMMAND, stateDir.toString()));
        long started = System.nanoTime();
        Process process;
        try {
            Path logs = Files.createDirectories(stateDir.resolve("logs"));
            File log = logs.resolve("store-host.log").toFile();
            process = new ProcessBuilder(command).directory(stateDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                    .redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not start the database host process (%s); this process may host the database itself",
                    e.getMessage());
            return Optional.empty();
        }
        long deadline = started + ANSWER_TIMEOUT_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            Optional<String> host = answeringHost(stateDir);
            if (host.isPresent()) {
                LOG.infof("Started the database host process (pid %d) in %d ms", process.pid(),
                        (System.nanoTime() - started) / 1_000_000);
                return host;
            }
            // Ended without a lock file left: nobody is opening the database (two sessions that start at once each
            // start a host; the later one ends at once, and the earlier one's lock file is there by then).
            if (!process.isAlive() && !Files.exists(stateDir.resolve("state.lock.db"))) {
                LOG.warnf("The database host process ended with exit code %d (see logs/store-host.log); this process"
                        + " may host the database itself", process.exitValue());
                return Optional.empty();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        LOG.warnf("The database host process did not answer within %d s; this process may host the database itself",
                ANSWER_TIMEOUT_MILLIS / 1000);
        return Optional.empty();
    }

    private static Optional<String> setsid() {
        String configured = System.getProperty(SETSID_PROPERTY);
        if (configured != null) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
        }
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return Optional.of(p.toString());
            }
        }
        return Optional.empty();
    }

    /** Whether the server named in H2's lock file of the state directory accepts a connection. */
    static boolean hostAnswers(Path stateDir) {
        return answeringHost(stateDir).isPresent();
    }

    /**
     * The server named in H2's lock file of the state directory with the key it serves the database under
     * ({@code address:port/key}), if it accepts a connection.
     */
    static Optional<String> answeringHost(Path stateDir) {
        Path lockFile = stateDir.resolve("state.lock.db");
        String server;
        String key;
        try (Reader in = Files.newBufferedReader(lockFile, StandardCharsets.ISO_8859_1)) {
            Properties lock = new Properties();
            lock.load(in);
            server = lock.getProperty("server");
            key = lock.getProperty("id");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (server == null || key == null) {
            return Optional.empty();
        }
        int colon = server.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.substring(0, colon),
                    Integer.parseInt(server.substring(colon + 1))), CONNECT_TIMEOUT_MILLIS);
            return Optional.of(server + "/" + key);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
