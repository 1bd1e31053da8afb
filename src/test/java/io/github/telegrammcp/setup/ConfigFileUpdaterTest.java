package io.github.telegrammcp.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.config.ConfigFile;

class ConfigFileUpdaterTest {

    @TempDir
    Path dir;

    @Test
    void createsAPrivateFileInAPrivateDirectory() throws IOException {
        Path file = dir.resolve("telegram-mcp-server/config.properties");
        assertThat(ConfigFileUpdater.update(file, Map.of("TELEGRAM_CHAT_ID", "1001"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(ConfigFile.read(file)).containsEntry("TELEGRAM_CHAT_ID", "1001");
    }

    @Test
    void keepsCommentsAndOtherSettingsAndReplacesInPlace() throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, "# mine\nTELEGRAM_SESSION=api\nTELEGRAM_CHAT_ID = 1\n! also mine\nTELEGRAM_MAX_WAIT=60\n");
        Map<String, String> values = new LinkedHashMap<>();
        values.put("TELEGRAM_CHAT_ID", "1001");
        values.put("TELEGRAM_BOT_TOKEN", "123:abc");
        ConfigFileUpdater.update(file, values);
        assertThat(Files.readString(file)).isEqualTo(
                "# mine\nTELEGRAM_SESSION=api\nTELEGRAM_CHAT_ID=1001\n! also mine\nTELEGRAM_MAX_WAIT=60\n"
                        + "TELEGRAM_BOT_TOKEN=123:abc\n");
    }

    @Test
    void keepsABackupAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("config.properties");
        Files.writeString(file, "TELEGRAM_CHAT_ID=1\n");
        ConfigFileUpdater.update(file, Map.of("TELEGRAM_CHAT_ID", "2"));
        assertThat(Files.readString(dir.resolve("config.properties.bak"))).isEqualTo("TELEGRAM_CHAT_ID=1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("config.properties.bak"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("config.properties", "config.properties.bak");
        }
    }

    @Test
    void aSecondUpdateWithTheSameValuesChangesNothing() throws IOException {
        Path file = dir.resolve("config.properties");
        Map<String, String> values = Map.of("TELEGRAM_CHAT_ID", "1001", "TELEGRAM_BOT_TOKEN", "123:abc");
        assertThat(ConfigFileUpdater.update(file, values)).isTrue();
        assertThat(ConfigFileUpdater.update(file, values)).isFalse();
        assertThat(dir.resolve("config.properties.bak")).doesNotExist();
    }

    @Test
    void dropsDuplicateAssignmentsOfAKeyItSets() {
        assertThat(ConfigFileUpdater.apply("A=1\nTELEGRAM_CHAT_ID=1\nTELEGRAM_CHAT_ID=2\n", Map.of("TELEGRAM_CHAT_ID", "3")))
                .isEqualTo("A=1\nTELEGRAM_CHAT_ID=3\n");
    }

    @Test
    void escapesValuesSoThatTheyReadBackUnchanged() throws IOException {
        Path file = dir.resolve("config.properties");
        ConfigFileUpdater.update(file, Map.of("TELEGRAM_ALLOWED_PATHS", "C:\\docs,/srv/é"));
        assertThat(ConfigFile.read(file)).containsEntry("TELEGRAM_ALLOWED_PATHS", "C:\\docs,/srv/é");
    }
}
