package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;

/** Two live sessions never share a name; a name is free again once its session ended. */
class SameNameIT {

    @TempDir
    Path tmp;

    @Test
    void aSecondSessionWithTheSameNameGetsASuffixAndTheNameIsFreedOnExit() throws Exception {
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                    tmp.resolve("state"), "TELEGRAM_SESSION", "app");
            try (McpServerProcess first = new McpServerProcess(Jar.path(), tmp.resolve("one"), env);
                    McpServerProcess second = new McpServerProcess(Jar.path(), tmp.resolve("two"), env)) {
                first.call("telegram_send", Map.of("message", "from the first"));
                second.call("telegram_send", Map.of("message", "from the second"));
                assertThat(fake.awaitSentMessage(m -> m.rawText().contains("from the first"), Duration.ofSeconds(10))
                        .rawText()).contains("<b>[app]</b>");
                assertThat(fake.awaitSentMessage(m -> m.rawText().contains("from the second"), Duration.ofSeconds(10))
                        .rawText()).contains("<b>[app-2]</b>");
                first.close();
                try (McpServerProcess third = new McpServerProcess(Jar.path(), tmp.resolve("three"), env)) {
                    third.call("telegram_send", Map.of("message", "from the third"));
                    assertThat(fake.awaitSentMessage(m -> m.rawText().contains("from the third"),
                            Duration.ofSeconds(10)).rawText()).contains("<b>[app]</b>");
                }
            }
        }
    }

    @Test
    void aNameThatLooksLikeALiveSessionsNameGetsASuffixAndIsFlagged() throws Exception {
        try (FakeBotApi fake = new FakeBotApi().start()) {
            Map<String, String> latin = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_SESSION", "alpha");
            Map<String, String> cyrillic = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                    FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_SESSION", "\u0430lpha");
            try (McpServerProcess first = new McpServerProcess(Jar.path(), tmp.resolve("latin"), latin);
                    McpServerProcess second = new McpServerProcess(Jar.path(), tmp.resolve("cyrillic"), cyrillic)) {
                first.call("telegram_send", Map.of("message", "from the Latin one"));
                second.call("telegram_send", Map.of("message", "from the look-alike"));
                fake.awaitSentMessage(m -> m.rawText().contains("from the Latin one"), Duration.ofSeconds(10));
                assertThat(fake.awaitSentMessage(m -> m.rawText().contains("from the look-alike"),
                        Duration.ofSeconds(10)).rawText()).contains("<b>[\u0430lpha-2]</b>");
                fake.injectOwnerText("/sessions");
                assertThat(fake.awaitSentMessage(m -> m.rawText().startsWith("<b>Sessions</b>"), Duration.ofSeconds(10))
                        .rawText()).contains("<b>\u0430lpha-2</b> ⚠️ mixes Cyrillic and Latin letters")
                        .doesNotContain("<b>alpha</b> ⚠️");
            }
        }
    }
}
