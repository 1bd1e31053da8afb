package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.mcp.WaitTools;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * Bot API faults against two real processes: 429 and 5xx are retried without duplicates, a burst from both sessions is
 * paced under the flood limits, a long poll that times out is retried, 409 from a foreign poller is reported once, a
 * wrong token is a clear error from every tool, and a network outage heals by itself.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BotApiFaultsIT {

    static final Duration SHORT = Duration.ofSeconds(20);
    /** The outage of the network test; the soak benchmark runs longer ones. */
    static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("faults.outage.seconds", 30));

    static Path tmp;
    static Path stateDir;
    static FakeBotApi fake;
    static McpServerProcess alpha;
    static McpServerProcess beta;

    @BeforeAll
    static void start() throws Exception {
        tmp = WorkDir.fresh("faults");
        stateDir = tmp.resolve("state");
        fake = new FakeBotApi().start();
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                stateDir);
        alpha = new McpServerProcess(Jar.path(), tmp.resolve("alpha"), env);
        beta = new McpServerProcess(Jar.path(), tmp.resolve("beta"), env);
        ServerRoles.awaitRegistered(stateDir, "beta", Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        McpServerProcess.closeAll(fake, alpha, beta);
    }

    @Test
    @Order(1)
    void aRateLimitedSendWaitsRetryAfterAndArrivesOnce() {
        fake.failNext("sendMessage", 429, null, 2);
        long start = System.nanoTime();
        McpSchema.CallToolResult result = alpha.call("telegram_notify", Map.of("event", "progress", "summary",
                "rate limited once"));
        assertThat(McpServerProcess.text(result)).startsWith("Notification sent");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(2000);
        assertThat(fake.sentMessages()).filteredOn(m -> m.rawText().contains("rate limited once")).hasSize(1);
    }

    @Test
    @Order(2)
    void serverErrorsAreRetriedWithBackoffAndArriveOnce() {
        fake.failNext("sendMessage", 502, "Bad Gateway");
        fake.failNext("sendMessage", 500, "Internal Server Error");
        McpSchema.CallToolResult result = beta.call("telegram_notify", Map.of("event", "progress", "summary",
                "after two server errors"));
        assertThat(McpServerProcess.text(result)).startsWith("Notification sent");
        assertThat(fake.sentMessages()).filteredOn(m -> m.rawText().contains("after two server errors")).hasSize(1);
    }

    @Test
    @Order(3)
    void aBurstFromTwoSessionsIsPacedUnderTheFloodLimits() throws Exception {
        Thread.sleep(3000); // let the shared bucket refill after the tests above
        fake.enforceFloodLimits(true);
        try {
            int before = fake.calls("sendMessage").size();
            // One client thread per process (the SDK's stdio transport does not take concurrent requests); the
            // two processes send at the same time and share Telegram's per-chat limit.
            List<CompletableFuture<List<String>>> sends = new ArrayList<>();
            for (McpServerProcess p : List.of(alpha, beta)) {
                sends.add(CompletableFuture.supplyAsync(() -> {
                    List<String> results = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        results.add(McpServerProcess.text(p.call("telegram_notify", Map.of("event", "progress",
                                "summary", "burst " + i + " from " + p.projectDir().getFileName()))));
                    }
                    return results;
                }));
            }
            for (CompletableFuture<List<String>> send : sends) {
                assertThat(send.get(60, TimeUnit.SECONDS)).allSatisfy(r -> assertThat(r).startsWith("Notification sent"));
            }
            assertThat(fake.calls("sendMessage").size() - before).as("sendMessage calls, none refused with 429")
                    .isEqualTo(10);
        } finally {
            fake.enforceFloodLimits(false);
        }
    }

    @Test
    @Order(4)
    void aLongPollThatTimesOutIsRetried() {
        Instant since = Instant.now();
        fake.delayNext("getUpdates", Duration.ofSeconds(30));
        CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                alpha.call("telegram_wait_reply", Map.of("max_wait", 90))));
        // The poll in flight ends within 8 s; the next one is the delayed one, which our client abandons at 23 s.
        fake.awaitCall(c -> c.method().equals("getUpdates") && c.time().isAfter(since), SHORT);
        fake.injectOwnerText("/to alpha after a timed-out poll");
        assertThat(wait.join()).isEqualTo(WaitTools.REPLY_INTRO + "after a timed-out poll");
    }

    @Test
    @Order(5)
    void aConflictFromAForeignPollerIsReportedToTheOwnerOnceAndPollingResumes() throws Exception {
        String conflict = "Conflict: terminated by other getUpdates request; make sure that only one bot instance"
                + " is running";
        long before = log().lines().filter(l -> l.contains("Telegram answered 409 Conflict")).count();
        fake.failNext("getUpdates", 409, conflict);
        fake.failNext("getUpdates", 409, conflict);
        fake.awaitSentMessage(m -> m.rawText().contains("409 Conflict"), Duration.ofSeconds(40));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (log().lines().filter(l -> l.contains("Telegram answered 409 Conflict")).count() < before + 2
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                beta.call("telegram_wait_reply", Map.of("max_wait", 90))));
        fake.injectOwnerText("/to beta after the conflict");
        assertThat(wait.get(60, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "after the conflict");
        assertThat(fake.sentMessages()).as("one notice for two conflicts")
                .filteredOn(m -> m.rawText().contains("409 Conflict")).hasSize(1);
        assertThat(log()).contains("Telegram answered 409 Conflict");
    }

    @Test
    @Order(6)
    void aNetworkOutageHealsByItself() throws Exception {
        fake.stop();
        long start = System.nanoTime();
        fake.injectOwnerText("/to alpha sent while the network was down");
        McpSchema.CallToolResult failed = beta.call("telegram_notify", Map.of("event", "progress", "summary",
                "during the outage"));
        assertThat(failed.isError()).isTrue();
        assertThat(McpServerProcess.text(failed)).contains("Cannot reach the Telegram Bot API").contains("Nothing was sent");
        long left = OUTAGE.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Thread.sleep(Math.max(0, left));
        fake.start();
        String reply = McpServerProcess.text(alpha.call("telegram_wait_reply", Map.of("max_wait", 60)));
        assertThat(reply).isEqualTo(WaitTools.REPLY_INTRO + "sent while the network was down");
        assertThat(McpServerProcess.text(beta.call("telegram_notify", Map.of("event", "progress", "summary",
                "after the outage")))).startsWith("Notification sent");
    }

    @Test
    @Order(7)
    void aWrongTokenIsAClearErrorFromEveryToolAndInTheLog() throws Exception {
        Path otherState = tmp.resolve("wrong-token-state");
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), "987654321:AAWrongTokenWrongTokenWrongToken_xyz12",
                FakeBotApi.OWNER_CHAT_ID, otherState);
        try (McpServerProcess wrong = new McpServerProcess(Jar.path(), tmp.resolve("wrong"), env)) {
            for (McpSchema.CallToolResult result : List.of(
                    wrong.call("telegram_notify", Map.of("event", "error", "summary", "x")),
                    wrong.call("telegram_wait_reply", Map.of("max_wait", 5)),
                    wrong.call("telegram_unattended_mode", Map.of("current_status", "idle", "max_wait", 5)))) {
                assertThat(result.isError()).isTrue();
                assertThat(McpServerProcess.text(result)).contains("Telegram rejected the bot token (401")
                        .contains("TELEGRAM_BOT_TOKEN");
            }
            Path log = otherState.resolve("logs/telegram-mcp-server.log");
            long deadline = System.nanoTime() + SHORT.toNanos();
            while (System.nanoTime() < deadline && !Files.readString(log).contains("rejected the bot token")) {
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).contains("rejected the bot token").doesNotContain("WrongTokenWrongToken");
        }
    }

    static String log() throws Exception {
        return Files.readString(stateDir.resolve("logs/telegram-mcp-server.log"), StandardCharsets.UTF_8);
    }
}
