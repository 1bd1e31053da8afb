package io.github.telegrammcp.e2e;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.SentMessage;

/**
 * Writes a state directory with an earlier release's jar, for {@code UpgradeIT}: two sessions (alpha and beta) that
 * sent notifications, alpha with two buttons, a {@code /keep alpha} lock, two messages queued for each session and one
 * already delivered; beta is killed ({@code kill -9}, its row stays "running"), alpha exits normally. The database
 * file and {@code fixture.properties} (the ids the test needs to reply and press) go to the output directory.
 *
 * <p>Usage (from the project, with the test classpath):
 * {@code java -cp ... io.github.telegrammcp.e2e.UpgradeFixtureMaker <old quarkus-run.jar> <output dir>}. See
 * {@code src/test/resources/upgrade/README.md} for how the shipped fixtures were made.
 */
public final class UpgradeFixtureMaker {

    static final Duration LONG = Duration.ofSeconds(60);

    private UpgradeFixtureMaker() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path out = Files.createDirectories(Path.of(args[1]).toAbsolutePath());
        Path work = Files.createTempDirectory("upgrade-fixture");
        Path state = work.resolve("state");
        Properties facts = new Properties();
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                    state);
            McpServerProcess alpha = new McpServerProcess(jar, work.resolve("alpha"), env);
            ServerRoles.awaitRegistered(state, "alpha", LONG);
            McpServerProcess beta = new McpServerProcess(jar, work.resolve("beta"), env);
            ServerRoles.awaitRegistered(state, "beta", LONG);

            alpha.call("telegram_notify", Map.of("event", "completed", "summary", "alpha finished the build"));
            SentMessage alphaNote = fake.awaitSentMessage(m -> m.rawText().contains("alpha finished the build"), LONG);
            alpha.call("telegram_notify_with_actions", Map.of("event", "question", "summary", "alpha: what next?",
                    "actions", List.of(Map.of("text", "Run tests", "action", "run the tests"),
                            Map.of("text", "Deploy", "action", "deploy to staging"))));
            SentMessage buttons = fake.awaitSentMessage(m -> m.rawText().contains("alpha: what next?"), LONG);
            beta.call("telegram_notify", Map.of("event", "question", "summary", "beta needs a decision"));
            SentMessage betaNote = fake.awaitSentMessage(m -> m.rawText().contains("beta needs a decision"), LONG);

            // One message delivered before the upgrade: it must not come back.
            fake.injectOwnerText("/to alpha already delivered");
            String delivered = McpServerProcess.text(alpha.call("telegram_wait_reply", Map.of("max_wait", 60)));
            if (!delivered.contains("already delivered")) {
                throw new IllegalStateException("alpha did not receive its first message: " + delivered);
            }
            fake.injectOwnerText("/keep alpha");
            fake.awaitSentMessage(m -> m.rawText().contains("Plain messages now go to"), LONG);
            fake.injectOwnerText("first queued for alpha");
            fake.injectOwnerText("second queued for alpha");
            fake.injectOwnerText("/to beta queued for beta");
            fake.injectOwnerReply(betaNote.messageId(), "reply queued for beta");
            awaitQueued(state, 4);

            beta.kill9();
            Thread.sleep(1000);
            alpha.close();

            facts.setProperty("alpha.notification", Integer.toString(alphaNote.messageId()));
            facts.setProperty("alpha.buttons.message", Integer.toString(buttons.messageId()));
            facts.setProperty("alpha.buttons.first", buttons.callbackData().get(0));
            facts.setProperty("alpha.buttons.second", buttons.callbackData().get(1));
            facts.setProperty("beta.notification", Integer.toString(betaNote.messageId()));
            facts.setProperty("last.message", Integer.toString(fake.sentMessages().stream()
                    .mapToInt(SentMessage::messageId).max().orElse(0) + 10));
            facts.setProperty("last.update", Long.toString(fake.confirmedOffset() + 10));
        }
        Files.copy(state.resolve("state.mv.db"), out.resolve("state.mv.db"), StandardCopyOption.REPLACE_EXISTING);
        try (OutputStream o = Files.newOutputStream(out.resolve("fixture.properties"))) {
            facts.store(o, "Made by UpgradeFixtureMaker with " + jar.getFileName());
        }
        System.out.println("fixture written to " + out + ": " + facts);
    }

    /** Waits until {@code count} messages are queued (stored, not delivered). */
    static void awaitQueued(Path state, int count) throws Exception {
        String url = "jdbc:h2:file:" + state.resolve("state") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
        long deadline = System.nanoTime() + LONG.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(url, "tgmcp", "");
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM inbox_message WHERE delivered_at IS NULL")) {
                rs.next();
                if (rs.getInt(1) >= count) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(count + " messages were not queued within " + LONG);
    }
}
