package io.github.telegrammcp.clients;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.telegrammcp.fake.FakeBotApi;

/**
 * Everything a real-client test needs, made fresh for each test by {@link RealClientWorld}: the fake Bot API (where
 * the owner writes), the model stand-in (which the test scripts), a throw-away HOME and project, and a stdio tap that
 * the clients run as the MCP server.
 */
public final class ClientWorld implements AutoCloseable {

    private final FakeBotApi telegram;
    private final ModelStandIn model;
    private final ClientHome home;
    private final StdioTap tap;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    ClientWorld(ClientHome home) throws IOException {
        this.home = home;
        this.telegram = new FakeBotApi().start();
        this.model = ModelStandIn.start();
        this.tap = StdioTap.create(home.root().resolve("tap"));
    }

    public FakeBotApi telegram() {
        return telegram;
    }

    public ModelStandIn model() {
        return model;
    }

    public ClientHome home() {
        return home;
    }

    public StdioTap tap() {
        return tap;
    }

    /**
     * Runs our setup as a script would ({@code --setup --token ... --chat-id 1001 --client CLIENTS --scope user --yes}),
     * registering the tap as the server command, and points the servers at the fake Bot API through the configuration
     * file (Codex does not pass its environment on to MCP servers). {@code --yes} also installs the permission hooks
     * ({@code --no-approvals} among {@code moreOptions} does not). Returns what the setup printed.
     */
    public String setUp(String clients, String... moreOptions) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(List.of("--token", FakeBotApi.TOKEN, "--chat-id",
                String.valueOf(FakeBotApi.OWNER_CHAT_ID), "--client", clients, "--scope", "user", "--yes",
                "--no-test-message", "--command", tap.command().toString()));
        options.addAll(List.of(moreOptions));
        String printed = home.setup(telegram.baseUrl(), options.toArray(String[]::new));
        home.addServerSetting("TELEGRAM_API_URL", telegram.baseUrl());
        return printed;
    }

    /** Waits until the servers stored everything the owner sent (Telegram forgets an update once it is confirmed, and
     * the poller confirms only what it stored). */
    public void awaitOwnerMessagesStored(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!telegram.pendingUpdates().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server did not store the owner's messages: " + telegram.pendingUpdates());
            }
            Thread.sleep(50);
        }
    }

    /** Closes {@code resource} (a client process, a terminal) when the test ends, before the fakes stop. */
    public <T extends AutoCloseable> T closeAtEnd(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Where a test may keep files of its own. */
    public Path workDir() {
        return home.root();
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        model.close();
        telegram.close();
        if (first != null) {
            throw first;
        }
    }
}
