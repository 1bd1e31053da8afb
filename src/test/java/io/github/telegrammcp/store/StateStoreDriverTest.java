package io.github.telegrammcp.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The URLs the state store is opened with: through the answering host, with the sessions' options. */
class StateStoreDriverTest {

    @Test
    void aSessionReachesTheHostOverLoopbackWithItsOptionsButNeverOpensTheFileItself() {
        String url = StateStoreDriver.url(Path.of("/s"));
        assertThat(StateStoreDriver.remoteUrl(url, "127.0.0.1:4321/k1"))
                .isEqualTo("jdbc:h2:tcp://127.0.0.1:4321/k1;LOCK_TIMEOUT=10000;NETWORK_TIMEOUT=15000;WRITE_DELAY=0");
    }

    @Test
    void theDirectoryOfTheFileIsTakenFromTheUrl() {
        assertThat(StateStoreDriver.stateDirectory(StateStoreDriver.url(Path.of("/x/y")))).contains(Path.of("/x/y"));
        assertThat(StateStoreDriver.stateDirectory("jdbc:h2:tcp://127.0.0.1:1/k")).isEmpty();
    }
}
