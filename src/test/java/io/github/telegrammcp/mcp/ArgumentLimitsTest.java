package io.github.telegrammcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.bot.PollerJob;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.github.telegrammcp.fake.InjectFakeBotApi;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every bounded text argument, just over its limit, is a tool error naming the argument and the limit (before this,
 * a 1 MB action or a 1 KB emoji failed in the database as an internal error); at the limit it works.
 */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class ArgumentLimitsTest {

    @InjectFakeBotApi
    FakeBotApi fake;

    @Inject
    NotifyTools notify;

    @Inject
    RichOutputTools rich;

    @Inject
    PollerJob poller;

    String file;

    @BeforeEach
    void ready() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!poller.isPolling() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String rel = "target/argument-limits/" + UUID.randomUUID();
        Files.createDirectories(Path.of(rel));
        file = rel + "/report.txt";
        Files.writeString(Path.of(file), "all green\n");
        fake.reset();
    }

    static void refused(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ToolCallException.class).hasMessageStartingWith(message);
    }

    static List<ActionButton> button(String text, String action, String emoji) {
        return List.of(new ActionButton("ok", "fine", null), new ActionButton(text, action, emoji));
    }

    @Test
    void eachFieldOfAnActionButtonHasItsLimit() {
        refused(() -> notify.notifyWithActions("question", "Next?", null, button("Go", "x".repeat(1024 * 1024), null)),
                "actions[1].action is 1048576 characters; the limit is 4096.");
        refused(() -> notify.notifyWithActions("question", "Next?", null, button("Go", "run", "😀".repeat(512))),
                "actions[1].emoji is 1024 characters; the limit is 16.");
        refused(() -> notify.notifyWithActions("question", "Next?", null, button("G".repeat(41), "run", null)),
                "actions[1].text is 41 characters; the limit is 40.");
        refused(() -> notify.notifyWithActions("e".repeat(33), "Next?", null, button("Go", "run", null)),
                "event is 33 characters; the limit is 32.");
        String result = notify.notifyWithActions("question", "Next?", null,
                button("G".repeat(40), "y".repeat(4096), "👩🏽‍❤️‍💋‍👨🏿"));
        assertThat(result).startsWith("Notification with 2 button(s) sent");
    }

    @Test
    void languageCaptionAndPathsHaveTheirLimits() {
        refused(() -> rich.sendCode("print(1)", "p".repeat(33), null), "language is 33 characters; the limit is 32.");
        refused(() -> rich.sendCode("print(1)", "python", "c".repeat(4097)),
                "caption is 4097 characters; the limit is 4096.");
        refused(() -> rich.sendFile(file, "c".repeat(100_000)), "caption is 100000 characters; the limit is 4096.");
        refused(() -> rich.sendImage("a/".repeat(50_000) + "x.png", null),
                "image_path is 100005 characters; the limit is 4096.");
        refused(() -> rich.sendFile("a".repeat(4097), null), "file_path is 4097 characters; the limit is 4096.");
        assertThat(rich.sendCode("print(1)", "python", "c".repeat(4096))).startsWith("Code sent to Telegram");
        assertThat(rich.sendFile(file, "c".repeat(4096))).startsWith("File report.txt");
    }

    @Test
    void malformedPathsAreToolErrorsToo() {
        for (String path : new String[] { "build/\u0000report.txt", "\uD800.png" }) {
            assertThatThrownBy(() -> rich.sendFile(path, null)).isInstanceOf(ToolCallException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains("is not a valid file path"));
        }
        refused(() -> rich.sendFile("x".repeat(300) + "/y", null), "File not found");
    }
}
