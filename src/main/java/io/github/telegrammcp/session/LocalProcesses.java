package io.github.telegrammcp.session;

import java.time.Instant;

/** Whether a session's process on this host still runs, so that a crashed session is seen at once. */
final class LocalProcesses {

    /** Process start times are rounded by the OS; allow this much between the JVM start and the session row. */
    private static final long START_SLACK_MILLIS = 5_000;

    private LocalProcesses() {
    }

    /**
     * True when process {@code pid} exists and started no later than the session did; a process that started later
     * is another program that reuses the pid.
     */
    static boolean alive(long pid, long sessionStartedAt) {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(p -> p.info().startInstant().map(Instant::toEpochMilli)
                        .map(start -> start <= sessionStartedAt + START_SLACK_MILLIS).orElse(true))
                .orElse(false);
    }
}
