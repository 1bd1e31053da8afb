package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * Two "machines" share one bot through PostgreSQL: the PostgreSQL build started twice, each with a state directory and
 * a host id of its own (TELEGRAM_HOST_ID), so nothing but the database connects them (no shared file, no pid of the
 * other's host, no loopback wake-up address).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgTwoMachinesIT {

    static final Duration SHORT = Duration.ofSeconds(20);

    @TempDir
    static Path tmp;

    static FakeBotApi fake;
    static McpServerProcess laptop;
    static McpServerProcess server;
    static String databaseUrl;

    @BeforeAll
    static void start() throws Exception {
        databaseUrl = PgDatabase.fresh();
        fake = new FakeBotApi().start();
        laptop = new McpServerProcess(PgDatabase.jar(), tmp.resolve("laptop-project/alpha"), env("laptop"));
        server = new McpServerProcess(PgDatabase.jar(), tmp.resolve("server-project/beta"), env("server"));
    }

    static Map<String, String> env(String host) {
        return McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                tmp.resolve(host + "-state"), "TELEGRAM_HOST_ID", host, "TELEGRAM_DATABASE_URL", databaseUrl);
    }

    @AfterAll
    static void stop() {
        McpServerProcess.closeAll(fake, laptop, server);
    }

    /** Calls telegram_wait_reply (60 s) on {@code p} in the background, and gives the call half a second to start. */
    static CompletableFuture<String> waitingReply(McpServerProcess p) throws InterruptedException {
        CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                p.call("telegram_wait_reply", Map.of("max_wait", 60))));
        Thread.sleep(500);
        return wait;
    }

    @Test
    @Order(1)
    void bothMachinesRegisterInTheSharedDatabaseWithTheirHosts() throws Exception {
        assertThat(McpServerProcess.text(laptop.call("telegram_notify", Map.of("event", "progress", "summary",
                "laptop here")))).startsWith("Notification sent");
        assertThat(McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary",
                "server here")))).startsWith("Notification sent");
        try (Connection c = PgDatabase.connect(databaseUrl);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT live_name, host FROM agent_session WHERE live_name IS NOT NULL"
                        + " ORDER BY live_name")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "@" + rs.getString(2)).isEqualTo("alpha@laptop");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1) + "@" + rs.getString(2)).isEqualTo("beta@server");
            assertThat(rs.next()).isFalse();
        }
        assertThat(Files.exists(tmp.resolve("laptop-state/state.mv.db"))).as("no H2 file in PostgreSQL mode").isFalse();
    }

    @Test
    @Order(2)
    void sessionsListShowsTheHostOfEach() {
        fake.injectOwnerText("/sessions");
        SentMessage list = fake.awaitSentMessage(m -> m.rawText().contains("alpha") && m.rawText().contains("beta")
                && m.rawText().contains("laptop") && m.rawText().contains("server"), SHORT);
        assertThat(list.rawText()).contains("laptop").contains("server");
    }

    @Test
    @Order(3)
    void toReachesASessionOnEitherMachineWhateverMachinePolls() throws Exception {
        for (McpServerProcess p : new McpServerProcess[] { laptop, server }) {
            String name = p == laptop ? "alpha" : "beta";
            CompletableFuture<String> wait = waitingReply(p);
            long start = System.nanoTime();
            fake.injectOwnerText("/to " + name + " hello " + name);
            assertThat(wait.get(30, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "hello " + name);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // A wake-up through LISTEN/NOTIFY, not the 30 s safety-net re-check.
            assertThat(millis).as("delivery to %s in ms", name).isLessThan(5000);
        }
    }

    @Test
    @Order(4)
    void aReplyReachesTheSessionThatAskedAcrossMachines() throws Exception {
        server.call("telegram_notify", Map.of("event", "question", "summary", "Ship it from the server?"));
        SentMessage question = fake.awaitSentMessage(m -> m.rawText().contains("Ship it from the server?"), SHORT);
        CompletableFuture<String> wait = waitingReply(server);
        fake.injectOwnerReply(question.messageId(), "yes, ship");
        assertThat(wait.get(30, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "yes, ship");
    }

    @Test
    @Order(5)
    void fileCommandReadsTheFileOnTheMachineThatOwnsTheSession() throws Exception {
        Files.writeString(laptop.projectDir().resolve("notes.md"), "# laptop notes\n");
        Files.writeString(server.projectDir().resolve("notes.md"), "# server notes\n");
        fake.injectOwnerText("/file alpha notes.md");
        fake.injectOwnerText("/file beta notes.md");
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("# laptop notes"), SHORT).rawText()).contains("[alpha]");
        assertThat(fake.awaitSentMessage(m -> m.rawText().contains("# server notes"), SHORT).rawText()).contains("[beta]");
    }

    @Test
    @Order(6)
    void bothMachinesShareOneSendingBudgetPerChat() throws Exception {
        fake.enforceFloodLimits(true);
        Thread.sleep(4000); // every bucket full again
        int callsBefore = fake.calls("sendMessage").size();
        int sentBefore = fake.sentMessages().size();
        // One client sends one request at a time; the two machines send at the same time.
        java.util.List<CompletableFuture<java.util.List<String>>> sends = new java.util.ArrayList<>();
        for (McpServerProcess p : new McpServerProcess[] { laptop, server }) {
            sends.add(CompletableFuture.supplyAsync(() -> {
                java.util.List<String> answers = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    answers.add(McpServerProcess.text(p.call("telegram_notify", Map.of("event", "progress", "summary",
                            "burst " + i + " from " + (p == laptop ? "laptop" : "server")))));
                }
                return answers;
            }));
        }
        for (CompletableFuture<java.util.List<String>> send : sends) {
            assertThat(send.get(60, TimeUnit.SECONDS)).allSatisfy(a -> assertThat(a).startsWith("Notification sent"));
        }
        fake.enforceFloodLimits(false);
        int calls = fake.calls("sendMessage").size() - callsBefore;
        int sent = fake.sentMessages().size() - sentBefore;
        assertThat(sent).isEqualTo(8);
        // Two machines pacing apart would send six at once against Telegram's burst of three: 429s, retried.
        assertThat(calls - sent).as("sends Telegram refused with 429").isZero();
    }

    @Test
    @Order(7)
    void onlyOneMachineEverPolled() {
        assertThat(fake.overlapCount()).as("overlapping getUpdates calls").isZero();
        assertThat(fake.getUpdatesCount()).isPositive();
    }

    @Test
    @Order(8)
    void afterAKillNineOfThePollerTheOtherMachinePollsWhenTheLeaseRunsOut() throws Exception {
        String holder;
        try (Connection c = PgDatabase.connect(databaseUrl);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT lease_host FROM poll_state WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            holder = rs.getString(1);
        }
        assertThat(holder).isIn("laptop", "server");
        McpServerProcess poller = holder.equals("laptop") ? laptop : server;
        McpServerProcess other = poller == laptop ? server : laptop;
        String otherName = other == laptop ? "alpha" : "beta";
        CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                other.call("telegram_wait_reply", Map.of("max_wait", 60))));
        long takeover = CrossHostTakeover.killAndMeasure(fake, poller, () -> {
            try (Connection c = PgDatabase.connect(databaseUrl);
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT lease_until FROM poll_state WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        });
        fake.injectOwnerText("/to " + otherName + " after the takeover");
        assertThat(wait.get(40, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "after the takeover");
        System.out.printf("[cross-host] PostgreSQL, kill -9 of the poller on %s: next getUpdates on the other machine %d"
                + " ms after its last renewal (lease %d ms)%n", holder, takeover,
                io.github.telegrammcp.bot.PollerLease.LEASE_MILLIS);
    }
}
