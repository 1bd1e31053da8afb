package io.github.telegrammcp.approval;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;

/** This host's name, as sessions record it, and whether one of its processes still runs. */
public final class ThisHost {

    /**
     * How far two processes' views of one process's start may differ. Java derives a start time from the boot time
     * that each JVM reads once, and that boot time moves with every step of the wall clock: on a loaded VM two JVMs
     * started a minute apart disagreed by more than 5 s, so a holder that ran was taken for gone (409 overlaps). A pid
     * reused within this time of the holder's start is not told apart; its lease then simply runs out.
     */
    private static final long SAME_START_MILLIS = 60_000;

    private ThisHost() {
    }

    /**
     * The host name sessions and prompts record: {@code TELEGRAM_HOST_ID} when set (machines that share a database and
     * report the same host name, or tests that make processes act as separate machines), else the host's name.
     */
    public static String name() {
        String id = System.getenv("TELEGRAM_HOST_ID");
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * True when process {@code pid} runs and started no later than {@code since} (epoch millis, when it wrote its row),
     * give or take {@link #SAME_START_MILLIS}: a process that started clearly later is another program that reuses the
     * pid. The margin is that wide for the reason given there: with a narrower one a stepped wall clock made a running
     * session look gone.
     */
    public static boolean alive(long pid, long since) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(Instant::toEpochMilli)
                        .map(start -> start <= since + SAME_START_MILLIS).orElse(true))
                .orElse(false);
    }

    /**
     * True when no process {@code pid} runs: the cheap check (one look at the process table), for frequent use; it does
     * not tell a pid that a later program reuses ({@link #runs} does, at the price of reading the process's details).
     */
    public static boolean gone(long pid) {
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
    }

    /** When process {@code pid} started (epoch millis), if it runs and the OS tells. */
    public static OptionalLong startMillis(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().startInstant())
                .map(start -> OptionalLong.of(start.toEpochMilli())).orElse(OptionalLong.empty());
    }

    /**
     * True when process {@code pid} runs and is the one that started at {@code startMillis} (within
     * {@link #SAME_START_MILLIS}: a pid reused by a later program is not it); a start of 0 or one the OS does not tell
     * is not checked.
     */
    public static boolean runs(long pid, long startMillis) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> startMillis <= 0 || p.info().startInstant()
                        .map(start -> Math.abs(start.toEpochMilli() - startMillis) <= SAME_START_MILLIS).orElse(true))
                .orElse(false);
    }

    /** True when process {@code pid} is stopped (SIGSTOP, Ctrl-Z), as Linux's {@code /proc} tells; false elsewhere. */
    public static boolean stopped(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')');
            if (end < 0 || end + 2 >= stat.length()) {
                return false;
            }
            char state = stat.charAt(end + 2);
            return state == 'T' || state == 't';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
