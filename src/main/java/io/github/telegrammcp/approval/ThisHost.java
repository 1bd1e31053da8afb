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

    /** The host name sessions and prompts record. */
    public static String name() {
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
