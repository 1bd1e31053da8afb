package io.github.telegrammcp.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which server process polls Telegram and which one hosts the H2 database, read from outside as a user would: the
 * shared log file in the state directory and H2's lock file plus {@code /proc} (Linux).
 */
final class ServerRoles {

    private static final Pattern POLLS = Pattern.compile("\\[pid (\\d+)\\].*now polls Telegram");

    private ServerRoles() {
    }

    /** The pid that most recently logged taking the poller lease, or -1. */
    static long pollerPid(Path stateDir) throws IOException {
        Path log = stateDir.resolve("logs/telegram-mcp-server.log");
        if (!Files.exists(log)) {
            return -1;
        }
        long pid = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m = POLLS.matcher(line);
            if (m.find()) {
                pid = Long.parseLong(m.group(1));
            }
        }
        return pid;
    }

    /** Waits until the session {@code name} has logged its registration. */
    static void awaitRegistered(Path stateDir, String name, java.time.Duration timeout) throws Exception {
        Path log = stateDir.resolve("logs/telegram-mcp-server.log");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8)
                    .contains("Session '" + name + "' registered")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("session " + name + " did not register within " + timeout);
    }

    /** The pids of the detached database hosts ({@code store-host}) started for this state directory. */
    static List<Long> storeHostPids(Path stateDir) {
        String dir = stateDir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(" store-host " + dir)).orElse(false))
                .map(ProcessHandle::pid).toList();
    }

    /** The one detached database host of this state directory, or -1 if there is none (or more than one). */
    static long storeHostPid(Path stateDir) {
        List<Long> pids = storeHostPids(stateDir);
        return pids.size() == 1 ? pids.get(0) : -1;
    }

    /** Fields 5 and 6 of {@code /proc/<pid>/stat}: the process group and the session id. */
    static long[] groupAndSession(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] { Long.parseLong(f[2]), Long.parseLong(f[3]) };
    }

    /** The pid among {@code candidates} that listens on the port H2's lock file names, or -1. */
    static long databaseHostPid(Path stateDir, List<Long> candidates) {
        try {
            Properties lock = new Properties();
            try (Reader in = Files.newBufferedReader(stateDir.resolve("state.lock.db"), StandardCharsets.ISO_8859_1)) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            if (server == null) {
                return -1;
            }
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            String inode = listeningInode(port);
            if (inode == null) {
                return -1;
            }
            for (long pid : candidates) {
                try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                    boolean owns = fds.anyMatch(fd -> {
                        try {
                            return Files.readSymbolicLink(fd).toString().equals("socket:[" + inode + "]");
                        } catch (IOException e) {
                            return false;
                        }
                    });
                    if (owns) {
                        return pid;
                    }
                } catch (IOException e) {
                    // Process gone: not the host.
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static String listeningInode(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    return f[9];
                }
            }
        }
        return null;
    }
}
