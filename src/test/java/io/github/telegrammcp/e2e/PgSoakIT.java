package io.github.telegrammcp.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak on PostgreSQL (bench/soak.sh with PG=1 runs the full size): the sessions act as two machines (host ids
 * machine-a and machine-b, a state directory each, so only the database joins them), the poller is killed (mostly
 * kill -9) every few seconds, and PostgreSQL itself is restarted once in the middle ({@code -Dpg.restart=COMMAND},
 * which CI and bench/soak.sh pass). Lost, duplicated and out of order must be 0; the report adds the cross-machine
 * latency.
 */
class PgSoakIT extends SoakIT {

    private static final Pattern POLLS = Pattern.compile("^(\\S+ \\S+).*\\[pid (\\d+)\\].*now polls Telegram");
    /** The chaos round in which PostgreSQL restarts (rounds come every soak.killEvery seconds). */
    private static final int RESTART_ROUND = Integer.getInteger("soak.pgRestartRound", 0);

    private final Map<Long, String> hosts = new ConcurrentHashMap<>();
    private String databaseUrl;
    private volatile String restartProblem;
    private volatile boolean restarted;

    @Override
    void verifyExtra() {
        if (restartProblem != null) {
            throw new AssertionError(restartProblem);
        }
        if (!restarted && !System.getProperty("pg.restart", "").isBlank()) {
            throw new AssertionError("the run ended before PostgreSQL was restarted: lower soak.pgRestartRound");
        }
    }

    @Override
    String workName() {
        return "pg-soak";
    }

    @Override
    void prepare() throws Exception {
        databaseUrl = PgDatabase.fresh();
        if (System.getProperty("pg.restart", "").isBlank() && Boolean.getBoolean("pg.required")) {
            throw new IllegalStateException("pg.required is set but pg.restart is not: pass the command that restarts"
                    + " the PostgreSQL server (ci/postgres.sh restart DIR)");
        }
    }

    @Override
    Path jar() {
        return PgDatabase.jar();
    }

    private static String hostOfSession(String name) {
        return Integer.parseInt(name.substring(1)) % 2 == 0 ? "machine-a" : "machine-b";
    }

    @Override
    Map<String, String> envFor(String name) {
        Map<String, String> e = new HashMap<>(env);
        e.put("TELEGRAM_STATE_DIR", stateDirOf(name).toString());
        e.put("TELEGRAM_HOST_ID", hostOfSession(name));
        e.put("TELEGRAM_DATABASE_URL", databaseUrl);
        return e;
    }

    @Override
    Path stateDirOf(String name) {
        return tmp.resolve("state-" + hostOfSession(name));
    }

    @Override
    void started(String name, long pid) {
        hosts.put(pid, hostOfSession(name));
    }

    @Override
    String hostOf(long pid) {
        return hosts.getOrDefault(pid, "");
    }

    @Override
    boolean hasDatabaseHost() {
        return false;
    }

    /** The pid whose "now polls Telegram" line is the latest in the logs of both machines. */
    @Override
    long currentPollerPid() {
        String latest = "";
        long pid = -1;
        for (String host : List.of("machine-a", "machine-b")) {
            Path log = tmp.resolve("state-" + host).resolve("logs/telegram-mcp-server.log");
            if (!Files.exists(log)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher m = POLLS.matcher(line);
                    if (m.find() && m.group(1).compareTo(latest) >= 0) {
                        latest = m.group(1);
                        pid = Long.parseLong(m.group(2));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // a line being written: the next look sees it
            }
        }
        return pid;
    }

    @Override
    void midRunFault(int round) throws Exception {
        String command = System.getProperty("pg.restart", "");
        if (round != RESTART_ROUND || command.isBlank()) {
            return;
        }
        long start = System.nanoTime();
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("pg-restart.log").toFile()).start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (!done || p.exitValue() != 0) {
            restartProblem = "the PostgreSQL restart failed: " + Files.readString(tmp.resolve("pg-restart.log"));
        }
        restarted = true;
        events.add("PostgreSQL restarted (" + (restartProblem == null ? "took " + millis + " ms" : "FAILED") + ")");
        faultWindows.add(new long[] { start, System.nanoTime() + TimeUnit.SECONDS.toNanos(5) });
    }
}
