package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.github.telegrammcp.fake.FakeBotApi;

/**
 * Five real server processes share one state directory and one fake Bot API; the process that polls Telegram exits,
 * then is killed, then the process that hosts the H2 database (the detached store host) is killed in the middle of
 * traffic. Every owner message reaches its session once and in order, and polling resumes within the promised times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    static Path tmp;

    static FakeBotApi fake;
    static Path stateDir;
    static final List<McpServerProcess> live = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        tmp = WorkDir.fresh("failover");
        fake = new FakeBotApi().start();
        stateDir = tmp.resolve("state");
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                stateDir);
        for (String name : List.of("one", "two", "three", "four", "five")) {
            live.add(new McpServerProcess(Jar.path(), tmp.resolve(name), env));
        }
        ServerRoles.awaitRegistered(stateDir, "five", Duration.ofSeconds(60));
        awaitPoller(-1, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        live.forEach(McpServerProcess::close);
        if (fake != null) {
            fake.close();
        }
    }

    @Test
    @Order(1)
    void normalExitOfThePollerHandsPollingOverBeforeTheLeaseRunsOut() throws Exception {
        McpServerProcess poller = byPid(ServerRoles.pollerPid(stateDir));
        McpServerProcess receiver = other(poller);
        Collector collector = Collector.start(receiver, 1, Duration.ofSeconds(40));
        Thread.sleep(1000);
        long pollerPid = poller.javaPid();
        long start = System.nanoTime();
        CompletableFuture<Void> exit = CompletableFuture.runAsync(poller::close);
        fake.injectOwnerText("/to " + name(receiver) + " sent while the poller exits");
        long takeover = awaitPoller(pollerPid, Duration.ofSeconds(10));
        exit.get(30, TimeUnit.SECONDS);
        live.remove(poller);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(takeover);
        // The lease runs 12 s: a takeover well inside it shows that the exiting poller handed it over. The figure
        // users get is measured by bench/soak.sh (takeover times); a loaded CI machine must not fail on timing.
        assertThat(takeover).as("ms until another process polls after a normal exit").isLessThan(8000);
        assertThat(collector.join()).containsExactly("sent while the poller exits");
        assertThat(collector.failures).isEmpty();
        System.out.printf("[failover] normal-exit takeover %d ms%n", takeover);
    }

    @Test
    @Order(2)
    void killNineOfThePollerHandsPollingOverOnTheSameHostAtOnce() throws Exception {
        McpServerProcess poller = byPid(ServerRoles.pollerPid(stateDir));
        McpServerProcess receiver = other(poller);
        Collector collector = Collector.start(receiver, 2, Duration.ofSeconds(60));
        fake.injectOwnerText("/to " + name(receiver) + " before the kill");
        long pollerPid = poller.javaPid();
        boolean alsoDatabaseHost = ServerRoles.databaseHostPid(stateDir, List.of(pollerPid)) == pollerPid;
        // Right after a renewal: the lease then runs another 12 s, and only the pid check can hand it over sooner.
        awaitFreshPoll();
        int pollsBefore = fake.getUpdatesCount();
        long start = System.nanoTime();
        poller.kill9();
        fake.injectOwnerText("/to " + name(receiver) + " during the gap");
        long nextPoll = awaitPollAfter(pollsBefore, Duration.ofSeconds(30));
        awaitPoller(pollerPid, Duration.ofSeconds(30));
        long logged = millisSince(start);
        live.remove(poller);
        assertThat(collector.join()).containsExactly("before the kill", "during the gap");
        long delivered = TimeUnit.NANOSECONDS.toMillis(collector.arrivalOf("during the gap") - start);
        System.out.printf("[failover] kill -9 of the poller%s: next getUpdates after %d ms, logged takeover after %d ms,"
                + " message sent after the kill delivered after %d ms%n",
                alsoDatabaseHost ? " (also the database host)"
                        : "",
                nextPoll, logged, delivered);
        // Lease expiry would take 12 s here; the bound leaves room for a loaded machine (the figure is printed).
        assertThat(nextPoll).as("ms from kill -9 to the next getUpdates").isLessThan(alsoDatabaseHost ? 10_000 : 6_000);
    }

    /** Waits for a getUpdates that starts now (the holder has just renewed its lease). */
    static void awaitFreshPoll() throws Exception {
        int count = fake.getUpdatesCount();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (fake.getUpdatesCount() == count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no getUpdates within 30 s");
            }
            Thread.sleep(5);
        }
    }

    /** Milliseconds until the fake has more than {@code count} getUpdates calls. */
    static long awaitPollAfter(int count, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (fake.getUpdatesCount() <= count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no getUpdates within " + timeout);
            }
            Thread.sleep(5);
        }
        return millisSince(start);
    }

    @Test
    @Order(3)
    void killNineOfTheDatabaseHostMidTrafficLosesNothing() throws Exception {
        // By default a detached store host serves the database; after its kill -9 a session or a new store host takes
        // over (whichever opens the file first), and the sessions reconnect to it.
        long hostPid = ServerRoles.storeHostPid(stateDir);
        assertThat(hostPid).as("the detached store host").isPositive();
        assertThat(ServerRoles.databaseHostPid(stateDir, List.of(hostPid))).isEqualTo(hostPid);
        List<McpServerProcess> receivers = List.copyOf(live);
        assertThat(receivers).hasSizeGreaterThanOrEqualTo(2);
        int perSession = 15;
        List<Collector> collectors = receivers.stream()
                .map(p -> Collector.start(p, perSession, Duration.ofSeconds(120))).toList();
        Thread.sleep(1000);
        for (int i = 0; i < perSession; i++) {
            for (McpServerProcess r : receivers) {
                fake.injectOwnerText("/to " + name(r) + " m" + i);
            }
            if (i == perSession / 3) {
                ProcessHandle.of(hostPid).ifPresent(ProcessHandle::destroyForcibly);
            }
            Thread.sleep(150);
        }
        List<String> expected = IntStream.range(0, perSession).mapToObj(i -> "m" + i).toList();
        for (int i = 0; i < receivers.size(); i++) {
            assertThat(collectors.get(i).join()).as("messages of %s", name(receivers.get(i)))
                    .containsExactlyElementsOf(expected);
        }
        // Nothing more is queued: a further wait times out instead of returning a duplicate.
        for (McpServerProcess r : receivers) {
            assertThat(McpServerProcess.text(r.call("telegram_wait_reply", Map.of("max_wait", 2))))
                    .startsWith("No reply within");
        }
        List<Long> candidates = new ArrayList<>(live.stream().map(McpServerProcess::javaPid).toList());
        candidates.addAll(ServerRoles.storeHostPids(stateDir));
        long newHost = ServerRoles.databaseHostPid(stateDir, candidates);
        assertThat(newHost).as("one process hosts the database again").isPositive().isNotEqualTo(hostPid);
        System.out.printf("[failover] after kill -9 of the store host the database is hosted by %s%n",
                ServerRoles.storeHostPids(stateDir).contains(newHost) ? "a new store host" : "a session");
    }

    static long awaitPoller(long notPid, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long pid = ServerRoles.pollerPid(stateDir);
            if (pid > 0 && pid != notPid) {
                return millisSince(start);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no process took over polling within " + timeout);
    }

    static McpServerProcess byPid(long pid) {
        return live.stream().filter(p -> p.javaPid() == pid).findFirst()
                .orElseThrow(() -> new AssertionError("no live process has pid " + pid));
    }

    static McpServerProcess other(McpServerProcess not) {
        return live.stream().filter(p -> p != not).findFirst().orElseThrow();
    }

    static String name(McpServerProcess p) {
        return p.projectDir().getFileName().toString();
    }

    static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
