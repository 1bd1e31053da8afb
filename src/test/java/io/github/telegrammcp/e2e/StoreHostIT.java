package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.fake.FakeBotApi;

/**
 * The detached database host (H2 mode, the default {@code TELEGRAM_STORE_HOST=process}): two sessions that start at
 * once get one host, in a session and process group of its own, which ends by itself after the last session; when it
 * cannot be started, a session hosts the database as before. (Its {@code kill -9} is in {@link FailoverIT}.)
 */
class StoreHostIT {

    /** The host's idle time before it exits (StoreHost.IDLE) plus room for a loaded machine. */
    static final Duration HOST_ENDS_WITHIN = Duration.ofSeconds(30 + 30);

    @Test
    void twoSessionsStartingAtOnceGetOneDetachedHostThatEndsAfterTheLastSession() throws Exception {
        Path tmp = WorkDir.fresh("store-host");
        Path stateDir = tmp.resolve("state");
        McpServerProcess one = null;
        McpServerProcess two = null;
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                    stateDir);
            CompletableFuture<McpServerProcess> a = CompletableFuture.supplyAsync(() -> start(tmp.resolve("one"), env));
            CompletableFuture<McpServerProcess> b = CompletableFuture.supplyAsync(() -> start(tmp.resolve("two"), env));
            one = a.get(120, TimeUnit.SECONDS);
            two = b.get(120, TimeUnit.SECONDS);
            ServerRoles.awaitRegistered(stateDir, "one", Duration.ofSeconds(60));
            ServerRoles.awaitRegistered(stateDir, "two", Duration.ofSeconds(60));

            long host = awaitOneHost(stateDir, Duration.ofSeconds(30));
            assertThat(ServerRoles.databaseHostPid(stateDir, List.of(host, one.javaPid(), two.javaPid())))
                    .as("the detached host serves the database").isEqualTo(host);
            long[] hostIds = ServerRoles.groupAndSession(host);
            assertThat(hostIds[1]).as("the host leads a session of its own (setsid)").isEqualTo(host);
            for (McpServerProcess session : List.of(one, two)) {
                long[] ids = ServerRoles.groupAndSession(session.javaPid());
                assertThat(hostIds[0]).as("process group").isNotEqualTo(ids[0]);
                assertThat(hostIds[1]).as("session").isNotEqualTo(ids[1]);
            }
            String hostLog = Files.readString(stateDir.resolve("logs/store-host.log"), StandardCharsets.UTF_8);
            assertThat(hostLog.split("store host: hosts the database in", -1)).as("hosts started: %s", hostLog).hasSize(2);

            Collector got = Collector.start(two, 1, Duration.ofSeconds(60));
            fake.injectOwnerText("/to two through the detached host");
            assertThat(got.join()).containsExactly("through the detached host");

            one.close();
            one = null;
            two.close();
            two = null;
            long closed = System.nanoTime();
            long deadline = closed + HOST_ENDS_WITHIN.toNanos();
            while (ProcessHandle.of(host).map(ProcessHandle::isAlive).orElse(false)) {
                assertThat(System.nanoTime()).as("the host ends within %s of the last session", HOST_ENDS_WITHIN)
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
            long endedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed);
            System.out.printf("[store host] ended %d ms after the last session closed%n", endedAfter);
            assertThat(ServerRoles.storeHostPids(stateDir)).as("no host left").isEmpty();
            assertThat(Files.readString(stateDir.resolve("logs/store-host.log"), StandardCharsets.UTF_8))
                    .contains("no session connected for 30 s; exiting");
        } finally {
            for (McpServerProcess p : new McpServerProcess[] { one, two }) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    @Test
    void whenTheHostCannotBeStartedASessionHostsTheDatabaseAndSaysWhy() throws Exception {
        Path tmp = WorkDir.fresh("store-host-fallback");
        Path stateDir = tmp.resolve("state");
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                    stateDir, "JAVA_TOOL_OPTIONS", "-Dtgmcp.store-host.setsid=" + tmp.resolve("no-such-setsid"));
            try (McpServerProcess session = new McpServerProcess(Jar.path(), tmp.resolve("solo"), env)) {
                ServerRoles.awaitRegistered(stateDir, "solo", Duration.ofSeconds(60));
                Collector got = Collector.start(session, 1, Duration.ofSeconds(60));
                fake.injectOwnerText("/to solo hosted in the session");
                assertThat(got.join()).containsExactly("hosted in the session");
                long pid = session.javaPid();
                assertThat(ServerRoles.databaseHostPid(stateDir, List.of(pid))).as("the session hosts").isEqualTo(pid);
                assertThat(ServerRoles.storeHostPids(stateDir)).isEmpty();
                assertThat(Files.readString(stateDir.resolve("logs/telegram-mcp-server.log"), StandardCharsets.UTF_8))
                        .contains("No 'setsid' command found: this process may host the database itself");
            }
        }
    }

    private static McpServerProcess start(Path dir, Map<String, String> env) {
        try {
            return new McpServerProcess(Jar.path(), dir, env);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until exactly one detached host of the state directory is left (a second one ends at once). */
    private static long awaitOneHost(Path stateDir, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Long> hosts = ServerRoles.storeHostPids(stateDir);
            if (hosts.size() == 1) {
                return hosts.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("detached hosts of " + stateDir + ": " + hosts);
            }
            Thread.sleep(100);
        }
    }
}
