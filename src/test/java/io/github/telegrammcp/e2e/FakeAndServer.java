package io.github.telegrammcp.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.telegrammcp.fake.FakeBotApi;

/**
 * A fake Bot API and one server process at a time for a test, both closed after it (even when the test fails):
 * {@code @RegisterExtension final FakeAndServer world = new FakeAndServer();}.
 */
final class FakeAndServer implements AfterEachCallback {

    private FakeBotApi fake;
    private McpServerProcess server;

    /** The fake Bot API, started at first use. */
    FakeBotApi fake() throws Exception {
        if (fake == null) {
            fake = new FakeBotApi().start();
        }
        return fake;
    }

    /** The environment a server needs to talk to the fake, with its state in {@code stateDir}, plus {@code extra}. */
    Map<String, String> env(Path stateDir, String... extra) throws Exception {
        return McpServerProcess.env(fake().baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, stateDir, extra);
    }

    /** Starts a server from {@code jar} in {@code project}; the one started before is closed first. */
    McpServerProcess start(Path jar, Path project, Map<String, String> env) throws IOException {
        stopServer();
        server = new McpServerProcess(jar, project, env);
        return server;
    }

    /** Closes the running server, if any. */
    void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        McpServerProcess.closeAll(fake, server);
        fake = null;
        server = null;
    }
}
