package io.github.telegrammcp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setting, and how a session tells whether a database host answers (H2's lock file and its port). */
class StoreHostLauncherTest {

    @TempDir
    Path dir;

    @AfterEach
    void off() {
        StoreHostLauncher.configure("session");
    }

    @Test
    void theSettingAcceptsProcessAndSessionAndExplainsAnythingElse() {
        assertThat(StoreHostLauncher.configure(null)).isEmpty();
        assertThat(StoreHostLauncher.configure(" Process ")).isEmpty();
        assertThat(StoreHostLauncher.configure("session")).isEmpty();
        assertThat(StoreHostLauncher.configure("detached")).get().asString()
                .contains("TELEGRAM_STORE_HOST=detached is not known").contains("'process'").contains("'session'");
    }

    @Test
    void aHostAnswersOnlyWhenTheLockFileNamesAPortThatAcceptsConnections() throws Exception {
        assertThat(StoreHostLauncher.hostAnswers(dir)).as("no lock file").isFalse();
        Files.writeString(dir.resolve("state.lock.db"), "#FileLock\nmethod=file\nid=abc\n");
        assertThat(StoreHostLauncher.hostAnswers(dir)).as("no server in the lock file").isFalse();
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(dir.resolve("state.lock.db"), "server=localhost\\:" + server.getLocalPort() + "\nid=k1\n");
            assertThat(StoreHostLauncher.answeringHost(dir)).as("where and under which key")
                    .contains("localhost:" + server.getLocalPort() + "/k1");
            assertThat(StoreHostLauncher.hostAnswers(dir)).as("a listening port").isTrue();
            closedPort = server.getLocalPort();
        }
        assertThat(StoreHostLauncher.hostAnswers(dir)).as("port %d no longer listens", closedPort).isFalse();
    }

    @Test
    void withTheSessionSettingNoHostIsStarted() {
        StoreHostLauncher.configure("session");
        assertThat(StoreHostLauncher.ensureHost(dir)).as("this process opens the file itself").isEmpty();
        assertThat(dir.resolve("logs")).doesNotExist();
    }
}
