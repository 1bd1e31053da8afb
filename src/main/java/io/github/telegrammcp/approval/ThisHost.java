package io.github.telegrammcp.approval;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/** This host's name, as sessions record it, and whether one of its processes still runs. */
public final class ThisHost {

    /** Process start times are rounded by the OS; allow this much between a start and the row it wrote. */
    private static final long START_SLACK_MILLIS = 5_000;

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
     * True when process {@code pid} runs and started no later than {@code since} (epoch millis); a process that started
     * later is another program that reuses the pid.
     */
    public static boolean alive(long pid, long since) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(Instant::toEpochMilli)
                        .map(start -> start <= since + START_SLACK_MILLIS).orElse(true))
                .orElse(false);
    }
}
