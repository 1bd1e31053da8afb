package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.fake.FakeBotApi;

/** The database server that the first process starts for the others (AUTO_SERVER) listens on loopback only. */
class LoopbackIT {

    @Test
    void theDatabaseServerListensOnLoopbackOnly() throws Exception {
        Path dir = WorkDir.fresh("loopback");
        Path stateDir = dir.resolve("state");
        try (FakeBotApi fake = new FakeBotApi().start();
                McpServerProcess server = new McpServerProcess(Jar.path(), dir.resolve("proj"),
                        McpServerProcess.env(fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, stateDir))) {
            assertThat(McpServerProcess.text(server.call("telegram_send", Map.of("message", "hello"))))
                    .startsWith("Message sent");
            Properties lock = new Properties();
            lock.load(new StringReader(Files.readString(stateDir.resolve("state.lock.db"))));
            String hostAndPort = lock.getProperty("server");
            // H2 writes 127.0.0.1 as "localhost"; what counts is where the socket listens.
            assertThat(hostAndPort).as("the lock file names the server others connect to").startsWith("localhost:");
            int port = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));

            List<String> listening = listeningAddresses(port);
            assertThat(listening).as("sockets listening on port %d", port).isNotEmpty()
                    .allSatisfy(address -> assertThat(address).isIn("0100007F", "0000000000000000FFFF00000100007F",
                            "00000000000000000000000001000000"));
        }
    }

    /** Local addresses (hex, as the kernel writes them) of the sockets listening on a TCP port, IPv4 and IPv6. */
    static List<String> listeningAddresses(int port) throws IOException {
        List<String> out = new ArrayList<>();
        String hexPort = String.format("%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ...; st 0A is LISTEN
                if (f.length > 3 && f[1].endsWith(":" + hexPort) && f[3].equals("0A")) {
                    out.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        if (!Files.exists(Path.of("/proc/net/tcp"))) {
            throw new org.opentest4j.TestAbortedException("no /proc/net/tcp on this system");
        }
        return out;
    }
}
