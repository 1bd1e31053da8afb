package io.github.telegrammcp.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {

    @TempDir
    Path home;

    @Test
    void versionAndHelpExitZero() {
        SetupRun version = SetupRun.run(home, home, Map.of(), "", "--version");
        SetupRun help = SetupRun.run(home, home, Map.of(), "", "--help");

        assertThat(version.exitCode).isZero();
        assertThat(version.out).startsWith("telegram-mcp-server ");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--setup").contains("--config").contains("--version");
    }

    @Test
    void anUnknownOptionPrintsTheUsageAndExitsTwo() {
        SetupRun run = SetupRun.run(home, home, Map.of(), "", "--serve-http");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).contains("Unknown option: --serve-http").contains("Usage:");
    }

    @Test
    void noOptionAtAllIsAUsageErrorHere() {
        SetupRun run = SetupRun.run(home, home, Map.of(), "");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Usage:");
    }

    @Test
    void aBadSetupOptionIsAUsageError() {
        SetupRun run = SetupRun.run(home, home, Map.of(), "", "--setup", "--client", "cursor");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("cursor").contains("Usage:");
    }

    @Test
    void configShowsEachValueWithItsSourceAndMasksTheToken() throws IOException {
        Path file = home.resolve(".config/telegram-mcp-server/config.properties");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "TELEGRAM_BOT_TOKEN=123456789:AAFakeTokenForTestsOnly_abcdefghijk\nTELEGRAM_CHAT_ID=5\n");

        SetupRun run = SetupRun.run(home, home, Map.of("TELEGRAM_CHAT_ID", "1001"), "", "--config");

        assertThat(run.exitCode).as(run.toString()).isZero();
        assertThat(run.out).containsPattern("TELEGRAM_BOT_TOKEN +123456789:\\*\\*\\* +config file")
                .containsPattern("TELEGRAM_CHAT_ID +1001 +environment")
                .containsPattern("TELEGRAM_MAX_WAIT +604800 +default")
                .contains("telegram-mcp-server.log")
                .doesNotContain("AAFakeToken");
    }

    @Test
    void configNamesWhatIsMissing() {
        SetupRun run = SetupRun.run(home, home, Map.of(), "", "--config");

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out).contains("TELEGRAM_BOT_TOKEN is missing").contains("not created yet");
    }

    @Test
    void configWarnsAboutAGroupWithoutAllowedUsers() {
        SetupRun run = SetupRun.run(home, home, Map.of("TELEGRAM_CHAT_ID", "-1001234", "TELEGRAM_BOT_TOKEN",
                "123456789:AAFakeTokenForTestsOnly_abcdefghijk"), "", "--config");

        assertThat(run.out).contains("Warning: TELEGRAM_CHAT_ID is a group and TELEGRAM_ALLOWED_USERS is empty");
        SetupRun allowed = SetupRun.run(home, home, Map.of("TELEGRAM_CHAT_ID", "-1001234", "TELEGRAM_BOT_TOKEN",
                "123456789:AAFakeTokenForTestsOnly_abcdefghijk", "TELEGRAM_ALLOWED_USERS", "42"), "", "--config");
        assertThat(allowed.out).doesNotContain("Warning:");
    }
}
