package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

/**
 * The soak benchmark (bench/soak.sh runs the full size): many server processes wait in a loop while the owner sends
 * messages addressed at random (replies to a session's notification, {@code /to}), and the process that polls or the
 * one that hosts the database (the detached store host, or a session after that was killed) is killed (or exits) at
 * random, and a killed session is started again. Prints sent, delivered, lost,
 * duplicated, out of order, latency, takeover times and the CPU used by idle processes; fails unless lost, duplicated
 * and out of order are all 0. Defaults are a short run for CI; see the system properties below.
 */
class SoakIT {

    static final int PROCESSES = Integer.getInteger("soak.processes", 4);
    static final int MESSAGES = Integer.getInteger("soak.messages", 150);
    static final double RATE = Double.parseDouble(System.getProperty("soak.rate", "6"));
    static final int KILL_EVERY_SECONDS = Integer.getInteger("soak.killEvery", 8);
    static final int IDLE_SECONDS = Integer.getInteger("soak.idleSeconds", 20);
    static final long SEED = Long.getLong("soak.seed", System.nanoTime());

    final Random random = new Random(SEED);
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final Map<String, Sent> byBody = new ConcurrentHashMap<>();
    final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    final List<Long> pollerTakeoversAfterKill = new CopyOnWriteArrayList<>();
    final List<Long> pollerTakeoversAfterExit = new CopyOnWriteArrayList<>();
    /** Start and end (nanos) of each fault: from the kill until polling and the database are back. */
    final List<long[]> faultWindows = new CopyOnWriteArrayList<>();
    final List<Long> hostTakeovers = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> toolFailures = new CopyOnWriteArrayList<>();
    final List<Session> sessions = new ArrayList<>();
    volatile long pollerPid = -1;
    volatile boolean stopping;
    Path stateDir;
    Path tmp;
    FakeBotApi fake;
    Map<String, String> env;

    record Sent(int seq, String session, String body, long atNanos, String via) {
    }

    record Received(String session, String body, long atNanos, long receiverPid, long pollerPid) {
    }

    /** One named session: its current process and the thread that runs its wait loop. */
    final class Session {
        final String name;
        volatile McpServerProcess process;
        volatile long pid;
        volatile boolean paused;
        volatile Integer notificationId;
        Thread driver;

        Session(String name) {
            this.name = name;
        }

        void start() throws Exception {
            int before = registrations(name);
            process = new McpServerProcess(jar(), tmp.resolve(name), envFor(name));
            awaitRegistrations(name, before + 1);
            pid = process.javaPid();
            started(name, pid);
            String marker = "ready " + name + " " + System.nanoTime();
            process.call("telegram_notify", Map.of("event", "progress", "summary", marker));
            SentMessage note = fake.awaitSentMessage(m -> m.rawText().contains(marker), Duration.ofSeconds(60));
            notificationId = note.messageId();
            McpServerProcess mine = process;
            driver = new Thread(() -> waitLoop(this, mine), "soak-" + name);
            driver.setDaemon(true);
            driver.start();
        }
    }

    @Test
    void soak() throws Exception {
        tmp = WorkDir.fresh(workName());
        stateDir = tmp.resolve("state");
        fake = new FakeBotApi().start();
        env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, stateDir);
        try {
            prepare();
            long startup = System.nanoTime();
            for (int i = 0; i < PROCESSES; i++) {
                Session s = new Session("s" + i);
                sessions.add(s);
                s.start();
            }
            long startupMillis = millisSince(startup);
            Thread monitor = daemon("soak-monitor", this::watchPoller);
            Thread chaos = daemon("soak-chaos", this::chaos);
            long trafficStart = System.nanoTime();
            feed();
            long trafficMillis = millisSince(trafficStart);
            drain(Duration.ofSeconds(120));
            stopping = true;
            chaos.join(180_000);
            drain(Duration.ofSeconds(60));
            Map<String, Double> idle = idleCpu();
            monitor.interrupt();
            String report = report(startupMillis, trafficMillis, idle);
            System.out.println(report);
            Files.writeString(tmp.resolve("report.txt"), report);
            assertThat(lost()).as("lost").isZero();
            assertThat(duplicated()).as("duplicated").isZero();
            assertThat(outOfOrder()).as("out of order").isZero();
            verifyExtra();
        } finally {
            stopping = true;
            for (Session s : sessions) {
                s.paused = true;
            }
            if (fake == null) {
                return;
            }
            for (Session s : sessions) {
                if (s.process != null) {
                    s.process.close();
                }
            }
            fake.close();
        }
    }

    /** The owner sends MESSAGES messages at RATE per second to random sessions that are not being restarted. */
    void feed() throws InterruptedException {
        long interval = (long) (1_000_000_000L / RATE);
        long next = System.nanoTime();
        for (int seq = 0; seq < MESSAGES; seq++) {
            Session target;
            do {
                target = sessions.get(random.nextInt(sessions.size()));
                if (target.paused) {
                    Thread.sleep(5);
                }
            } while (target.paused);
            String body = "m" + seq + " for " + target.name;
            boolean reply = random.nextBoolean() && target.notificationId != null;
            Sent s = new Sent(seq, target.name, body, System.nanoTime(), reply ? "reply" : "to");
            byBody.put(body, s);
            sent.add(s);
            if (reply) {
                fake.injectOwnerReply(target.notificationId, body);
            } else {
                fake.injectOwnerText("/to " + target.name + " " + body);
            }
            next += interval;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
    }

    /** Kills (or stops) the poller or the database host every KILL_EVERY_SECONDS, then starts its session again. */
    void chaos() {
        try {
            int round = 0;
            while (!stopping) {
                Thread.sleep(KILL_EVERY_SECONDS * 1000L);
                if (stopping) {
                    return;
                }
                midRunFault(round);
                boolean hitHost = round++ % 2 == 1 && hasDatabaseHost();
                boolean kill9 = random.nextInt(10) < 7;
                List<Long> pids = sessions.stream().map(s -> s.pid).toList();
                long storeHost = ServerRoles.storeHostPid(stateDir);
                if (hitHost && storeHost > 0 && ServerRoles.databaseHostPid(stateDir, List.of(storeHost)) == storeHost) {
                    // The detached store host (the default) serves the database: it has no session to restart.
                    long start = System.nanoTime();
                    ProcessHandle.of(storeHost)
                            .ifPresent(kill9 ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
                    events.add(String.format("%s the store host (pid %d, database host)", kill9 ? "kill -9" : "SIGTERM",
                            storeHost));
                    hostTakeovers.add(awaitNewHost(storeHost, start));
                    faultWindows.add(new long[] { start, System.nanoTime() });
                    continue;
                }
                long victimPid = hitHost ? ServerRoles.databaseHostPid(stateDir, pids) : currentPollerPid();
                Session victim = sessions.stream().filter(s -> s.pid == victimPid).findFirst().orElse(null);
                if (victim == null) {
                    events.add("no " + (hitHost ? "database host" : "poller") + " found to kill");
                    continue;
                }
                // The victim's own messages are delivered first: a message handed to a wait at the instant its
                // process dies is gone with it (MCP has no acknowledgement), which is not what this soak measures.
                victim.paused = true;
                awaitDelivered(victim.name, Duration.ofSeconds(60));
                boolean wasPoller = currentPollerPid() == victimPid;
                boolean wasHost = hitHost || hasDatabaseHost() && ServerRoles.databaseHostPid(stateDir, pids) == victimPid;
                long start = System.nanoTime();
                if (kill9) {
                    victim.process.kill9();
                } else {
                    victim.process.close();
                }
                events.add(String.format("%s %s (pid %d%s%s)", kill9 ? "kill -9" : "exit", victim.name, victimPid,
                        wasPoller ? ", poller" : "", wasHost ? ", database host" : ""));
                if (wasPoller) {
                    (kill9 ? pollerTakeoversAfterKill : pollerTakeoversAfterExit).add(awaitNewPoller(victimPid, start));
                }
                if (wasHost) {
                    hostTakeovers.add(awaitNewHost(victimPid, start));
                }
                victim.process.close();
                victim.start();
                // The fault lasts until the victim's replacement runs: its start-up takes CPU from the others.
                faultWindows.add(new long[] { start, System.nanoTime() });
                victim.paused = false;
            }
        } catch (Exception e) {
            events.add("chaos stopped: " + e);
        }
    }

    void waitLoop(Session session, McpServerProcess process) {
        long myPid = session.pid;
        while (!stopping && process == session.process) {
            try {
                String text = McpServerProcess.text(process.call("telegram_wait_reply", Map.of("max_wait", 20)));
                if (text.startsWith(Collector.REPLIED)) {
                    received.add(new Received(session.name, text.substring(Collector.REPLIED.length()),
                            System.nanoTime(), myPid, pollerPid));
                } else if (!text.startsWith("No reply within")) {
                    toolFailures.add(session.name + ": " + text);
                }
            } catch (RuntimeException e) {
                if (session.paused || process != session.process
                        || !ProcessHandle.of(myPid).map(ProcessHandle::isAlive).orElse(false)) {
                    return; // stopped or killed on purpose: the restarted session gets a new loop
                }
                toolFailures.add(session.name + ": " + e.getMessage());
                sleep(200);
            }
        }
    }

    void watchPoller() {
        while (true) {
            try {
                pollerPid = currentPollerPid();
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long awaitNewPoller(long oldPid, long startNanos) throws Exception {
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long pid = currentPollerPid();
            if (pid > 0 && pid != oldPid) {
                return millisSince(startNanos);
            }
            Thread.sleep(20);
        }
        return -1;
    }

    long awaitNewHost(long oldPid, long startNanos) throws Exception {
        long deadline = startNanos + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Long> pids = new ArrayList<>(sessions.stream().map(s -> s.pid).filter(p -> p != oldPid).toList());
            ServerRoles.storeHostPids(stateDir).stream().filter(p -> p != oldPid).forEach(pids::add);
            if (ServerRoles.databaseHostPid(stateDir, pids) > 0) {
                return millisSince(startNanos);
            }
            Thread.sleep(20);
        }
        return -1;
    }

    void awaitDelivered(String session, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long expected = sent.stream().filter(s -> s.session.equals(session)).count();
            long got;
            synchronized (received) {
                got = received.stream().filter(r -> r.session.equals(session)).map(Received::body).distinct()
                        .count();
            }
            if (got >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        events.add("messages of " + session + " not all delivered before its kill");
    }

    void drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && distinctReceived() < sent.size()) {
            Thread.sleep(100);
        }
    }

    /** CPU seconds per minute of each process while idle, then while waiting with nothing to receive. */
    Map<String, Double> idleCpu() throws Exception {
        // The wait loops are still running: measure "waiting" first, then stop them and measure "idle".
        Map<String, Double> result = new java.util.LinkedHashMap<>();
        result.put("waiting", cpuPerProcessMinute());
        stopping = true;
        for (Session s : sessions) {
            s.driver.join(30_000);
        }
        result.put("idle", cpuPerProcessMinute());
        return result;
    }

    double cpuPerProcessMinute() throws Exception {
        Thread.sleep(3000);
        List<Long> pids = sessions.stream().map(s -> s.pid).toList();
        long before = pids.stream().mapToLong(SoakIT::cpuTicks).sum();
        long start = System.nanoTime();
        Thread.sleep(IDLE_SECONDS * 1000L);
        long ticks = pids.stream().mapToLong(SoakIT::cpuTicks).sum() - before;
        double minutes = (System.nanoTime() - start) / 60e9;
        return ticks / 100.0 / minutes / pids.size();
    }

    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    long distinctReceived() {
        synchronized (received) {
            return received.stream().map(Received::body).distinct().count();
        }
    }

    long lost() {
        return sent.size() - distinctReceived();
    }

    long duplicated() {
        synchronized (received) {
            return received.size() - distinctReceived();
        }
    }

    long outOfOrder() {
        long count = 0;
        synchronized (received) {
            Map<String, Integer> last = new java.util.HashMap<>();
            for (Received r : received) {
                Sent s = byBody.get(r.body);
                if (s == null || !s.session.equals(r.session)) {
                    count++; // a message that reached the wrong session counts as out of order
                    continue;
                }
                Integer previous = last.put(r.session, s.seq);
                if (previous != null && previous > s.seq) {
                    count++;
                }
            }
        }
        return count;
    }

    String report(long startupMillis, long trafficMillis, Map<String, Double> idle) {
        List<Long> all = new ArrayList<>();
        List<Long> cross = new ArrayList<>();
        List<Long> steady = new ArrayList<>();
        List<Long> crossMachine = new ArrayList<>();
        List<Long> crossMachineSteady = new ArrayList<>();
        synchronized (received) {
            for (Received r : received) {
                Sent s = byBody.get(r.body);
                if (s != null) {
                    long ms = TimeUnit.NANOSECONDS.toMillis(r.atNanos - s.atNanos);
                    all.add(ms);
                    boolean inFault = faultWindows.stream().anyMatch(w -> s.atNanos >= w[0] - 1_000_000_000L
                            && s.atNanos <= w[1]);
                    if (r.receiverPid != r.pollerPid) {
                        cross.add(ms);
                        if (!inFault) {
                            steady.add(ms);
                        }
                    }
                    String receiverHost = hostOf(r.receiverPid);
                    String pollerHost = hostOf(r.pollerPid);
                    if (!receiverHost.isEmpty() && !pollerHost.isEmpty() && !receiverHost.equals(pollerHost)) {
                        crossMachine.add(ms);
                        if (!inFault) {
                            crossMachineSteady.add(ms);
                        }
                    }
                }
            }
        }
        StringBuilder out = new StringBuilder("\n==== soak report ====\n");
        out.append(String.format("processes %d, messages %d at %.1f/s, kill every %d s, seed %d%n", PROCESSES,
                MESSAGES, RATE, KILL_EVERY_SECONDS, SEED));
        out.append(String.format("start-up of %d processes: %d ms; traffic phase: %d ms%n", PROCESSES, startupMillis,
                trafficMillis));
        out.append(String.format("sent %d, delivered %d, lost %d, duplicated %d, out of order %d%n", sent.size(),
                distinctReceived(), lost(), duplicated(), outOfOrder()));
        out.append("latency all (ms):          ").append(percentiles(all)).append('\n');
        out.append("latency cross-process (ms): ").append(percentiles(cross)).append('\n');
        out.append("latency cross-process, sent while no fault or restart was under way (ms): ").append(percentiles(steady))
                .append('\n');
        if (!crossMachine.isEmpty()) {
            out.append("latency cross-machine (ms): ").append(percentiles(crossMachine)).append('\n');
            out.append("latency cross-machine, sent while no fault or restart was under way (ms): ")
                    .append(percentiles(crossMachineSteady)).append('\n');
        }
        out.append("poller takeovers after kill -9 (ms): ").append(pollerTakeoversAfterKill).append('\n');
        out.append("poller takeovers after normal exit (ms): ").append(pollerTakeoversAfterExit).append('\n');
        out.append("database host takeovers (ms): ").append(hostTakeovers).append('\n');
        out.append(String.format("CPU s per process-minute: idle %.3f, waiting (no traffic) %.3f%n",
                idle.get("idle"), idle.get("waiting")));
        out.append("events: ").append(events).append('\n');
        out.append("tool failures seen by clients: ").append(toolFailures.size())
                .append(toolFailures.isEmpty() ? "" : " " + toolFailures.subList(0, Math.min(5, toolFailures.size())))
                .append('\n');
        out.append("getUpdates overlaps (each kill -9 of the poller leaves one held poll): ")
                .append(fake.overlapCount()).append('\n');
        return out.toString();
    }

    static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "n/a";
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format("n=%d p50 %d, p95 %d, max %d", sorted.size(), sorted.get(sorted.size() / 2),
                sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.95) - 1)),
                sorted.get(sorted.size() - 1));
    }

    /** The directory under target/e2e for this run (its report.txt too). */
    String workName() {
        return "soak";
    }

    /** The server to start (the H2 build here). */
    Path jar() {
        return Jar.path();
    }

    /** Before the first session starts. */
    void prepare() throws Exception {
    }

    /** The environment of session {@code name}'s process. */
    Map<String, String> envFor(String name) {
        return env;
    }

    /** The state directory session {@code name}'s process writes its log to. */
    Path stateDirOf(String name) {
        return stateDir;
    }

    /** The pid of the process that polls, or -1. */
    long currentPollerPid() {
        try {
            return ServerRoles.pollerPid(stateDir);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Whether one of the processes hosts the database (H2's AUTO_SERVER), so that it can be killed too. */
    boolean hasDatabaseHost() {
        return true;
    }

    /** A fault of another kind, at the start of chaos round {@code round}. */
    void midRunFault(int round) throws Exception {
    }

    /** Further checks of a subclass, after lost, duplicated and out of order. */
    void verifyExtra() {
    }

    /** Session {@code name} runs as process {@code pid} now. */
    void started(String name, long pid) {
    }

    /** The machine of a process, for cross-machine latency ("" when all run on one). */
    String hostOf(long pid) {
        return "";
    }

    int registrations(String name) throws IOException {
        Path log = stateDirOf(name).resolve("logs/telegram-mcp-server.log");
        if (!Files.exists(log)) {
            return 0;
        }
        String marker = "Session '" + name + "' registered";
        return (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(marker)).count();
    }

    void awaitRegistrations(String name, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (registrations(name) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("session " + name + " did not register");
            }
            Thread.sleep(100);
        }
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
