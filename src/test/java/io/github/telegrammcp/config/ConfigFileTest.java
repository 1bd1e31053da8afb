package io.github.telegrammcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void livesUnderXdgConfigHomeWhenSet() {
        assertThat(ConfigFile.locate(Map.of("XDG_CONFIG_HOME", "/x/cfg", "HOME", "/h"), "/u"))
                .isEqualTo(Path.of("/x/cfg/telegram-mcp-server/config.properties"));
    }

    @Test
    void livesUnderHomeDotConfigOtherwiseAndPrefersHomeOverUserHome() {
        assertThat(ConfigFile.locate(Map.of("HOME", "/h"), "/u"))
                .isEqualTo(Path.of("/h/.config/telegram-mcp-server/config.properties"));
        assertThat(ConfigFile.locate(Map.of("XDG_CONFIG_HOME", "relative"), "/u"))
                .isEqualTo(Path.of("/u/.config/telegram-mcp-server/config.properties"));
    }

    @Test
    void anExplicitLocationWins() {
        assertThat(ConfigFile.locate(Map.of("TELEGRAM_CONFIG_FILE", "/etc/t.properties", "HOME", "/h"), "/u"))
                .isEqualTo(Path.of("/etc/t.properties"));
    }

    @Test
    void aMissingFileReadsAsEmpty() throws IOException {
        assertThat(ConfigFile.read(dir.resolve("none.properties"))).isEmpty();
    }

    @Test
    void readsPropertiesWithEscapesAndTrimsValues() throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "# comment\nTELEGRAM_CHAT_ID = 42  \nTELEGRAM_SESSION=caf\\u00e9\n");
        assertThat(ConfigFile.read(file)).containsEntry("TELEGRAM_CHAT_ID", "42").containsEntry("TELEGRAM_SESSION", "café");
    }

    @Test
    void environmentWinsOverTheFile() throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "TELEGRAM_CHAT_ID=1\nTELEGRAM_SESSION=fromfile\n");
        Map<String, String> merged = ConfigFile.overlay(
                Map.of("TELEGRAM_CONFIG_FILE", file.toString(), "TELEGRAM_CHAT_ID", "2"), "/u", new StringBuilder());
        assertThat(merged).containsEntry("TELEGRAM_CHAT_ID", "2").containsEntry("TELEGRAM_SESSION", "fromfile");
    }

    @Test
    void mapsEnvironmentNamesToPropertyNames() {
        assertThat(ConfigFile.propertyName("TELEGRAM_BOT_TOKEN")).isEqualTo("telegram.bot-token");
        assertThat(ConfigFile.propertyName("TELEGRAM_ALLOWED_PATHS")).isEqualTo("telegram.allowed-paths");
        assertThat(ConfigFile.propertyName("TELEGRAM_POLL_INTERVAL")).isEqualTo("telegram.poll-interval");
        assertThat(ConfigFile.propertyName("quarkus.log.level")).isEqualTo("quarkus.log.level");
        assertThat(ConfigFile.propertyName("PATH")).isNull();
        assertThat(ConfigFile.propertyName("TELEGRAM_CONFIG_FILE")).isNull();
    }
}
