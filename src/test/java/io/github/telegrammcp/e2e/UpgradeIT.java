package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.telegrammcp.mcp.WaitTools;
import io.github.telegrammcp.fake.FakeBotApi;

/**
 * A state directory written by an earlier release (the fixtures in {@code src/test/resources/upgrade}, see its
 * README) opened by this build's packaged server: the sessions restart under their names in their directories and get
 * every message queued before, in order; the {@code /keep} lock still routes; a button the old release made and a
 * reply to its notification still reach the session; no row is lost.
 */
class UpgradeIT {

    static final Duration LONG = Duration.ofSeconds(60);
    static final String REPLIED = WaitTools.REPLY_INTRO;

    @ParameterizedTest
    @ValueSource(strings = { "jdbc-release", "flyway-release" })
    void aStateDirectoryOfAnEarlierReleaseOpensWithEverythingIntact(String release) throws Exception {
        Path tmp = WorkDir.fresh("upgrade-" + release);
        Path state = Files.createDirectories(tmp.resolve("state"));
        Properties facts = new Properties();
        try (InputStream db = getClass().getResourceAsStream("/upgrade/" + release + "/state.mv.db");
                InputStream props = getClass().getResourceAsStream("/upgrade/" + release + "/fixture.properties")) {
            Files.copy(db, state.resolve("state.mv.db"));
            facts.load(props);
        }
        // The fixture's sessions ran in directories of the machine that made it; here they restart in these.
        sql(state, "UPDATE agent_session SET project_dir = ? WHERE name = 'alpha'", tmp.resolve("alpha").toString());
        sql(state, "UPDATE agent_session SET project_dir = ? WHERE name = 'beta'", tmp.resolve("beta").toString());
        int alphaNote = Integer.parseInt(facts.getProperty("alpha.notification"));
        int buttons = Integer.parseInt(facts.getProperty("alpha.buttons.message"));

        FakeBotApi fake = new FakeBotApi().start();
        McpServerProcess alpha = null;
        McpServerProcess beta = null;
        try {
            fake.resume(Long.parseLong(facts.getProperty("last.update")), Integer.parseInt(facts.getProperty(
                    "last.message")), Map.of(alphaNote, "alpha finished the build", buttons, "alpha: what next?",
                            Integer.parseInt(facts.getProperty("beta.notification")), "beta needs a decision"));
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                    state);
            alpha = new McpServerProcess(Jar.path(), tmp.resolve("alpha"), env);
            beta = new McpServerProcess(Jar.path(), tmp.resolve("beta"), env);
            ServerRoles.awaitRegistered(state, "alpha", LONG);
            ServerRoles.awaitRegistered(state, "beta", LONG);

            assertThat(nextReply(alpha)).isEqualTo("first queued for alpha");
            assertThat(nextReply(alpha)).isEqualTo("second queued for alpha");
            assertThat(nextReply(beta)).isEqualTo("queued for beta");
            assertThat(nextReply(beta)).isEqualTo("reply queued for beta");

            fake.injectOwnerText("plain, after the upgrade");
            assertThat(nextReply(alpha)).as("the /keep lock still routes").isEqualTo("plain, after the upgrade");
            fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, buttons,
                    facts.getProperty("alpha.buttons.first"));
            assertThat(nextReply(alpha)).as("a button of the old release").isEqualTo("run the tests");
            fake.injectOwnerReply(alphaNote, "a reply to the old notification");
            assertThat(nextReply(alpha)).isEqualTo("a reply to the old notification");
            assertThat(McpServerProcess.text(alpha.call("telegram_wait_reply", Map.of("max_wait", 1))))
                    .as("the message delivered before the upgrade does not come back").startsWith("No reply");
        } finally {
            McpServerProcess.closeAll(fake, alpha, beta);
        }
        assertThat(strings(state, "SELECT name || ' ' || status FROM agent_session ORDER BY started_at"))
                .as("the old rows stay, the new sessions ended").containsExactly("alpha GONE", "beta GONE",
                        "alpha GONE", "beta GONE");
        assertThat(strings(state, "SELECT body FROM inbox_message WHERE delivered_at IS NULL")).isEmpty();
        assertThat(strings(state, "SELECT label FROM bot_action WHERE used_at IS NULL")).as("pressing one used both")
                .isEmpty();
    }

    static String nextReply(McpServerProcess session) {
        String text = McpServerProcess.text(session.call("telegram_wait_reply", Map.of("max_wait", 30)));
        assertThat(text).startsWith(REPLIED);
        return text.substring(REPLIED.length());
    }

    private static void sql(Path state, String statement, String arg) throws Exception {
        try (Connection c = DriverManager.getConnection(url(state), "tgmcp", "");
                PreparedStatement st = c.prepareStatement(statement)) {
            st.setString(1, arg);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> strings(Path state, String query) throws Exception {
        try (Connection c = DriverManager.getConnection(url(state), "tgmcp", "");
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static String url(Path state) {
        return "jdbc:h2:" + state.resolve("state") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
    }
}
