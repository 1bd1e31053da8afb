package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.fake.FakeBotApi;

/**
 * H2 processes that act as two machines (one state directory, distinct TELEGRAM_HOST_ID): after a kill -9 of the
 * poller the other machine's process polls as soon as the lease runs out (PgTwoMachinesIT does the same on
 * PostgreSQL).
 */
class CrossHostTakeoverIT {

    @Test
    void theOtherMachinePollsWhenTheKilledPollersLeaseRunsOut() throws Exception {
        Path tmp = WorkDir.fresh("cross-host-takeover");
        Path stateDir = tmp.resolve("state");
        List<McpServerProcess> processes = new ArrayList<>();
        try (FakeBotApi fake = new FakeBotApi().start()) {
            for (String host : List.of("machine-a", "machine-b")) {
                processes.add(new McpServerProcess(Jar.path(), tmp.resolve(host),
                        McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, stateDir,
                                "TELEGRAM_HOST_ID", host)));
            }
            ServerRoles.awaitRegistered(stateDir, "machine-a", Duration.ofSeconds(60));
            ServerRoles.awaitRegistered(stateDir, "machine-b", Duration.ofSeconds(60));
            long pollerPid = awaitPoller(stateDir, -1);
            McpServerProcess poller = processes.stream().filter(p -> p.javaPid() == pollerPid).findFirst().orElseThrow();
            McpServerProcess other = processes.stream().filter(p -> p != poller).findFirst().orElseThrow();
            String otherName = other.projectDir().getFileName().toString();
            Collector got = Collector.start(other, 1, Duration.ofSeconds(60));

            long takeover = CrossHostTakeover.killAndMeasure(fake, poller, () -> CrossHostTakeover.leaseUntilH2(stateDir));
            fake.injectOwnerText("/to " + otherName + " after the takeover");
            assertThat(got.join()).containsExactly("after the takeover");
            assertThat(awaitPoller(stateDir, pollerPid)).isEqualTo(other.javaPid());
            System.out.printf("[cross-host] H2, kill -9 of the poller on the other machine: next getUpdates %d ms after"
                    + " its last renewal (lease %d ms)%n", takeover, io.github.telegrammcp.bot.PollerLease.LEASE_MILLIS);
        } finally {
            processes.forEach(McpServerProcess::close);
        }
    }

    private static long awaitPoller(Path stateDir, long notPid) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long pid = ServerRoles.pollerPid(stateDir);
            if (pid > 0 && pid != notPid) {
                return pid;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no process polls");
    }
}
