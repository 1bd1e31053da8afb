package io.github.telegrammcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class ConfigFileSourceTest {

    private static final String TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijk";

    @TempDir
    Path dir;

    @Test
    void servesEveryTelegramSettingUnderItsPropertyName() throws IOException {
        ConfigFileSource source = new ConfigFileSource(write("""
                TELEGRAM_BOT_TOKEN=%s
                TELEGRAM_CHAT_ID=1001
                TELEGRAM_SESSION=api
                TELEGRAM_MAX_WAIT=600
                TELEGRAM_POLL_INTERVAL=10,20,30
                TELEGRAM_API_URL=http://127.0.0.1:1
                TELEGRAM_STATE_DIR=/tmp/state
                TELEGRAM_ALLOWED_USERS=1,2
                TELEGRAM_ALLOWED_PATHS=/srv/docs
                SOMETHING_ELSE=ignored
                """.formatted(TOKEN)));
        assertThat(source.getProperties()).containsOnly(
                Map.entry("telegram.bot-token", TOKEN), Map.entry("telegram.chat-id", "1001"),
                Map.entry("telegram.session", "api"), Map.entry("telegram.max-wait", "600"),
                Map.entry("telegram.poll-interval", "10,20,30"), Map.entry("telegram.api-url", "http://127.0.0.1:1"),
                Map.entry("telegram.state-dir", "/tmp/state"), Map.entry("telegram.allowed-users", "1,2"),
                Map.entry("telegram.allowed-paths", "/srv/docs"));
    }

    @Test
    void sitsBetweenApplicationPropertiesAndEnvironmentVariables() {
        assertThat(new ConfigFileSource(dir.resolve("missing")).getOrdinal()).isGreaterThan(250).isLessThan(300);
    }

    @Test
    void environmentVariablesWinAndTheFileBeatsApplicationProperties() throws IOException {
        ConfigSource file = new ConfigFileSource(write("TELEGRAM_CHAT_ID=1\nTELEGRAM_SESSION=fromfile\n"));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(file)
                .withSources(new EnvConfigSource(Map.of("TELEGRAM_CHAT_ID", "2"), 300))
                .withSources(new PropertiesConfigSource(Map.of("telegram.session", "fromapp"), "application", 250))
                .build();
        assertThat(config.getValue("telegram.chat-id", String.class)).isEqualTo("2");
        assertThat(config.getValue("telegram.session", String.class)).isEqualTo("fromfile");
    }

    @Test
    void aMissingFileContributesNothing() {
        assertThat(new ConfigFileSource(dir.resolve("missing")).getPropertyNames()).isEmpty();
    }

    @Test
    void neverShowsTheTokenInItsDescription() throws IOException {
        ConfigFileSource source = new ConfigFileSource(write("TELEGRAM_BOT_TOKEN=" + TOKEN + "\n"));
        assertThat(source.toString()).doesNotContain(TOKEN).doesNotContain("AAFake");
        assertThat(source.getName()).doesNotContain(TOKEN);
    }

    @Test
    void isRegisteredForTheServiceLoader() throws IOException {
        try (var in = getClass().getResourceAsStream("/META-INF/services/io.smallrye.config.ConfigSourceFactory")) {
            assertThat(new String(in.readAllBytes())).contains(ConfigFileSourceFactory.class.getName());
        }
    }

    @Test
    void joinsTheConfigurationOutsideTheTestProfile() throws IOException {
        Path file = write("TELEGRAM_SESSION=fromfile\n");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("prod")
                .withSources(new ConfigFileSourceFactory(() -> file)).build();
        assertThat(config.getOptionalValue("telegram.session", String.class)).contains("fromfile");
    }

    @Test
    void staysOutOfTheProjectsTests() throws IOException {
        Path file = write("TELEGRAM_SESSION=fromfile\n");
        SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile("test")
                .withSources(new ConfigFileSourceFactory(() -> file)).build();
        assertThat(config.getOptionalValue("telegram.session", String.class)).isEmpty();
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, text);
        return file;
    }
}
