package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.mcp.WaitTools;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * A state directory that cannot be written, at start-up or later (a full disk): start-up fails at once with the
 * reason, a message that went out is reported as sent, waits end at their max_wait, every answer names the problem,
 * and the process exits promptly when its client goes away.
 */
class StateDirectoryIT {

    @Test
    void anUnwritableStateDirectoryIsReportedAtOnceAndTheProcessExitsPromptly() throws Exception {
        Path dir = WorkDir.fresh("unwritable-state");
        Path notADirectory = Files.writeString(dir.resolve("a-file"), "not a directory");
        Path stateDir = notADirectory.resolve("state");
        Map<String, String> env = McpServerProcess.env("http://127.0.0.1:9", FakeBotApi.TOKEN,
                FakeBotApi.OWNER_CHAT_ID, stateDir);
        try (RawMcpProcess server = new RawMcpProcess(Jar.path(), dir.resolve("proj"), env)) {
            long start = System.nanoTime();
            JsonNode answer = server.callTool("telegram_notify", Map.of("event", "completed", "summary", "x")).result()
                    .get(30, TimeUnit.SECONDS);
            long answerMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(answer.path("result").path("isError").asBoolean()).isTrue();
            assertThat(RawMcpProcess.text(answer)).contains("cannot start").contains(stateDir.toString())
                    .contains("cannot be created").contains("TELEGRAM_STATE_DIR").doesNotContain("still starting");
            assertThat(answerMillis).as("the answer comes at once, not after start-up retries").isLessThan(10_000);

            long closing = System.nanoTime();
            assertThat(server.closeStdin(Duration.ofSeconds(20))).isTrue();
            long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
            System.out.printf("unwritable state directory: tool answer after %d ms, exit %d ms after stdin closed%n",
                    answerMillis, exitMillis);
            // Under 1 s on an idle machine; the bound leaves room for a loaded 2-core CI machine.
            assertThat(exitMillis).isLessThan(5_000);
        }
    }

    @Test
    void aFullDiskKeepsSendsReportedAsSentAndWaitsWithinMaxWait() throws Exception {
        Path dir = WorkDir.fresh("full-disk");
        Path mount = Files.createDirectories(dir.resolve("small-disk"));
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mount.toString()) == 0,
                "needs permission to mount a small tmpfs (root with CAP_SYS_ADMIN); skipped");
        Path stateDir = mount.resolve("state");
        try (FakeBotApi fake = new FakeBotApi().start()) {
            McpServerProcess server = new McpServerProcess(Jar.path(), dir.resolve("proj"), McpServerProcess.env(
                    fake.baseUrl(), FakeBotApi.TOKEN, FakeBotApi.OWNER_CHAT_ID, stateDir));
            try {
                assertThat(McpServerProcess.text(server.call("telegram_notify", Map.of("event", "progress", "summary",
                        "before the disk is full")))).startsWith("Notification sent").doesNotContain("recorded");
                Path filler = fill(mount);

                McpSchema.CallToolResult sent = server.call("telegram_notify", Map.of("event", "completed", "summary",
                        "while the disk is full"));
                assertThat(sent.isError()).as(McpServerProcess.text(sent)).isFalse();
                assertThat(McpServerProcess.text(sent)).startsWith("Notification sent")
                        .contains("could not be recorded for reply routing").contains(stateDir.toString())
                        .contains("full");
                fake.awaitSentMessage(m -> m.rawText().contains("while the disk is full"), Duration.ofSeconds(10));

                long start = System.nanoTime();
                McpSchema.CallToolResult waited = server.call("telegram_wait_reply", Map.of("max_wait", 4));
                long waitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("full disk: wait_reply(max_wait=4) answered after %d ms%n", waitMillis);
                assertThat(waitMillis).as("max_wait holds while the store fails").isLessThan(4_000 + 4_000);
                assertThat(McpServerProcess.text(waited)).startsWith("No reply could be read within 4 s")
                        .contains(stateDir.toString())
                        .contains("full").contains("not lost");

                Files.delete(filler);
                fake.injectOwnerText("after the disk was freed");
                String reply = McpServerProcess.text(server.call("telegram_wait_reply", Map.of("max_wait", 60)));
                assertThat(reply).as("the server carries on by itself once it can write again")
                        .isEqualTo(WaitTools.REPLY_INTRO + "after the disk was freed");
                assertThat(McpServerProcess.text(server.call("telegram_notify", Map.of("event", "completed",
                        "summary", "disk freed")))).startsWith("Notification sent").doesNotContain("recorded");
            } finally {
                long closing = System.nanoTime();
                server.close();
                System.out.printf("full disk: exit %d ms after the client closed%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing));
            }
        } finally {
            if (run("umount", mount.toString()) != 0) {
                run("umount", "-l", mount.toString());
            }
        }
    }

    /** Writes a file until the disk refuses more; returns it. */
    static Path fill(Path mount) throws IOException {
        Path filler = mount.resolve("filler");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            // No space left on device: full.
        }
        assertThat(Files.getFileStore(mount).getUsableSpace()).isLessThan(64 * 1024);
        return filler;
    }

    static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
