package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.mcp.WaitTools;
import io.github.telegrammcp.fake.FakeBotApi;

/**
 * A message stored by the polling process wakes a wait in another process at once, over the wake-up channel: with the
 * re-check schedule set to 10 minutes, the schedule cannot be what delivers it.
 */
class WakeUpIT {

    static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void aMessageStoredByThePollerWakesAWaitInAnotherProcessAtOnce() throws Exception {
        Path tmp = WorkDir.fresh("wake-up");
        Path state = tmp.resolve("state");
        FakeBotApi fake = new FakeBotApi().start();
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                state, "TELEGRAM_POLL_INTERVAL", "600,600,600");
        McpServerProcess first = null;
        McpServerProcess second = null;
        try {
            first = new McpServerProcess(Jar.path(), tmp.resolve("first"), env);
            ServerRoles.awaitRegistered(state, "first", LONG);
            awaitPolling(state, first.javaPid());
            second = new McpServerProcess(Jar.path(), tmp.resolve("second"), env);
            ServerRoles.awaitRegistered(state, "second", LONG);
            assertThat(ServerRoles.pollerPid(state)).as("the first process polls").isEqualTo(first.javaPid());
            McpServerProcess waiting = second;
            for (int round = 1; round <= 5; round++) {
                CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                        waiting.call("telegram_wait_reply", Map.of("max_wait", 120))));
                Thread.sleep(1000);
                long start = System.nanoTime();
                fake.injectOwnerText("/to second round " + round);
                assertThat(wait.get(30, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "round " + round);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .as("ms from the owner's message to the other process's tool result").isLessThan(3000);
            }
        } finally {
            McpServerProcess.closeAll(fake, second, first);
        }
    }

    private static void awaitPolling(Path state, long pid) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (ServerRoles.pollerPid(state) != pid && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ServerRoles.pollerPid(state)).isEqualTo(pid);
    }
}
