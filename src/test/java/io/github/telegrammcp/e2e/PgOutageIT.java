package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.mcp.WaitTools;

/**
 * PostgreSQL that is down when a session starts, and that goes away while it runs: the server reaches the database
 * through a TCP relay the test switches off (connections refused, open ones cut) and on again. Tools say what is wrong
 * while it is down; the session recovers by itself, with nothing lost.
 */
class PgOutageIT {

    @TempDir
    Path tmp;

    FakeBotApi fake;
    McpServerProcess server;
    Relay relay;

    @AfterEach
    void stop() throws IOException {
        McpServerProcess.closeAll(fake, server);
        if (relay != null) {
            relay.down();
        }
    }

    @Test
    void aDatabaseDownAtStartUpAndMidRunIsReportedAndRecoveredFromByItself() throws Exception {
        String url = PgDatabase.fresh();
        String hostPort = url.substring(url.indexOf('@') + 1, url.lastIndexOf('/'));
        int pgPort = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        relay = new Relay(pgPort);
        String relayed = url.replace(hostPort, "127.0.0.1:" + relay.port);
        fake = new FakeBotApi().start();
        Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID,
                tmp.resolve("state"), "TELEGRAM_DATABASE_URL", relayed, "TELEGRAM_HOST_ID", "outage-host");

        // Down at start-up: a clear answer within seconds, no password in it.
        server = new McpServerProcess(PgDatabase.jar(), tmp.resolve("alpha"), env);
        long asked = System.nanoTime();
        String early = McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary",
                "while the database is down")));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - asked)).isLessThan(20);
        assertThat(early).contains("waiting for its state store").contains("keeps trying")
                .doesNotContain("tgmcp-test");

        // Up again: the session starts by itself.
        relay.up();
        String sent = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            sent = McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary",
                    "the database is back")));
            if (sent.startsWith("Notification sent")) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(sent).startsWith("Notification sent");

        // Down mid-run: a message the owner sends meanwhile stays with Telegram and arrives once the database is back.
        CompletableFuture<String> wait = CompletableFuture.supplyAsync(() -> McpServerProcess.text(
                server.call("telegram_wait_reply", Map.of("max_wait", 120))));
        Thread.sleep(1000);
        relay.down();
        fake.injectOwnerText("sent while the database was away");
        Thread.sleep(8000);
        assertThat(wait).as("nothing can be stored while the database is away").isNotDone();
        relay.up();
        assertThat(wait.get(90, TimeUnit.SECONDS)).isEqualTo(WaitTools.REPLY_INTRO + "sent while the database was away");
        assertThat(fake.overlapCount()).isZero();
    }

    @Test
    void anExitWhileTheDatabaseIsDownOrSilentTakesAboutASecond() throws Exception {
        String url = PgDatabase.fresh();
        String hostPort = url.substring(url.indexOf('@') + 1, url.lastIndexOf('/'));
        relay = new Relay(Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)));
        fake = new FakeBotApi().start();
        // Down: connections refused. Silent: connections accepted by the kernel, never answered (a database that
        // hangs, or a firewall that drops), so an attempt blocks inside the driver.
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            for (String target : List.of("127.0.0.1:" + relay.port, "127.0.0.1:" + silent.getLocalPort())) {
                Map<String, String> env = McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN,
                        FakeBotApi.OWNER_CHAT_ID, tmp.resolve("state"), "TELEGRAM_DATABASE_URL",
                        url.replace(hostPort, target), "TELEGRAM_HOST_ID", "outage-host");
                server = new McpServerProcess(PgDatabase.jar(), tmp.resolve("alpha"), env);
                assertThat(McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress",
                        "summary", "while the database is away")))).contains("waiting for its state store");
                long pid = server.javaPid();
                assertThat(pid).isPositive();
                // The worst moment: an attempt is in flight (blocked inside the driver or the pool) when stdin closes.
                // Attempts start 2 s after the last one failed; one against the silent port blocks for many seconds.
                long seen = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!server.stderr().contains("retrying") && System.nanoTime() < seen) {
                    Thread.sleep(100);
                }
                assertThat(server.stderr()).contains("retrying");
                Thread.sleep(3000);
                long closed = System.nanoTime();
                server.close();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed);
                System.out.printf("exit with the database at %s: %d ms after stdin closed%n", target, millis);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                String log = server.stderr();
                assertThat(millis).as("stdin closed -> process gone, database at %s; the server's log:%n%s", target,
                        log.substring(Math.max(0, log.length() - 6000))).isLessThan(5000);
                server = null;
            }
        }
    }

    /** A TCP relay to PostgreSQL that can refuse new connections and cut the open ones. */
    static final class Relay {
        final int port;
        final int target;
        private volatile ServerSocket listening;
        private final List<Socket> open = new CopyOnWriteArrayList<>();

        Relay(int target) throws IOException {
            this.target = target;
            try (ServerSocket probe = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                this.port = probe.getLocalPort();
            }
        }

        synchronized void up() throws IOException {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
            listening = s;
            Thread accept = new Thread(() -> {
                while (!s.isClosed()) {
                    Socket client;
                    try {
                        client = s.accept();
                    } catch (IOException e) {
                        return;
                    }
                    try {
                        Socket upstream = new Socket(java.net.InetAddress.getLoopbackAddress(), target);
                        open.add(client);
                        open.add(upstream);
                        pump(client, upstream);
                        pump(upstream, client);
                    } catch (IOException e) {
                        // PostgreSQL itself is down (restarting): refuse this one, as it would, and keep relaying.
                        try {
                            client.close();
                        } catch (IOException ignored) {
                            // already closed
                        }
                    }
                }
            }, "relay-accept");
            accept.setDaemon(true);
            accept.start();
        }

        synchronized void down() throws IOException {
            if (listening != null) {
                listening.close();
                listening = null;
            }
            for (Socket s : open) {
                try {
                    s.close();
                } catch (IOException e) {
                    // already closed
                }
            }
            open.clear();
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buffer = new byte[16384];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // cut by down() or by either side
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }, "relay-pump");
            t.setDaemon(true);
            t.start();
        }
    }
}
