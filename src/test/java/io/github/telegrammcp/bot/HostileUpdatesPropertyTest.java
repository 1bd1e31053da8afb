package io.github.telegrammcp.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.fake.FakeBotApi;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.github.telegrammcp.fake.InjectFakeBotApi;
import io.github.telegrammcp.inbox.InboxService;
import io.github.telegrammcp.mcp.McpTestAccess;
import io.github.telegrammcp.mcp.WaitTools;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.TestSql;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No single update may stop the bot: generated updates with every field at and beyond Telegram's limits, in exotic
 * Unicode (emoji outside the BMP, joined sequences, combining marks, NUL, right-to-left overrides), in shapes the
 * server cannot read, go through the real poller and store one after another, and after each one a {@code /to}
 * still reaches the session. Set {@code -Dhostile.seed=N} to try other inputs; a failure names the seed and the case.
 */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class HostileUpdatesPropertyTest {

    static final long SEED = Long.getLong("hostile.seed", 16L);
    static final int CASES = Integer.getInteger("hostile.cases", 60);
    static final int KINDS = 10;
    static final Duration DELIVERY = Duration.ofSeconds(40);
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectFakeBotApi
    FakeBotApi fake;

    @Inject
    PollerJob poller;

    @Inject
    SessionRegistry registry;

    @Inject
    TestSql sql;

    @Inject
    InboxService inbox;

    @Inject
    McpTestAccess tools;

    String me;

    @BeforeEach
    void ready() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!poller.isPolling() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(poller.isPolling()).isTrue();
        me = registry.currentName();
        String id = registry.currentId().orElseThrow();
        while (inbox.claimNext(id).isPresent()) {
            // leftovers of an earlier test
        }
        fake.reset();
    }

    @Test
    void afterEveryHostileUpdateTheNextToStillArrives() throws Exception {
        HostileText text = new HostileText(SEED);
        int anchor = fake.injectOwnerText("an earlier message of the owner, to reply to and press under").messageId();
        Map<String, Integer> kinds = new TreeMap<>();
        for (int i = 0; i < CASES; i++) {
            String what = inject(text, i, anchor);
            kinds.merge(what.substring(0, what.indexOf(':')), 1, Integer::sum);
            String marker = "marker " + i;
            fake.injectOwnerText("/to " + me + " " + marker);
            awaitDelivered(marker, "case " + i + " of seed " + SEED + ", " + what);
        }
        assertThat(kinds).as("kinds of hostile update tried").hasSize(KINDS);
    }

    @Test
    void anUpdateTheStoreRefusesIsSetAsideTheOwnerIsToldAndTheNextOneArrives() throws Exception {
        addTrigger();
        try {
            long updateId = rawOwnerText("please " + StoreFaultTrigger.POISON + " deploy");
            fake.injectOwnerText("/to " + me + " after the poison");
            awaitDelivered("after the poison", "the message after a refused one");
            assertThat(fake.awaitSentMessage(m -> m.rawText().startsWith("⚠️ I could not take your message"), DELIVERY)
                    .rawText()).contains("please " + StoreFaultTrigger.POISON + " deploy").contains("update " + updateId)
                    .contains("set aside");
            assertThat(sql.strings("SELECT raw_json FROM failed_update WHERE update_id = ?", updateId))
                    .singleElement().asString().contains(StoreFaultTrigger.POISON);
            assertThat(sql.strings("SELECT reason FROM failed_update WHERE update_id = ?", updateId))
                    .singleElement().asString().contains("Value too long");
            // Telegram learns the new offset with the poller's next getUpdates, which may come after the notice.
            long deadline = System.nanoTime() + DELIVERY.toNanos();
            while (fake.confirmedOffset() <= updateId && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(fake.confirmedOffset()).isGreaterThan(updateId);
        } finally {
            dropTrigger();
        }
    }

    @Test
    void aStoreOutageSetsNothingAsideAndTheUpdateArrivesOnceTheStoreWorks() throws Exception {
        addTrigger();
        StoreFaultTrigger.outage.set(true);
        try {
            int before = StoreFaultTrigger.outagesRaised.get();
            long updateId = rawOwnerText("during the outage " + StoreFaultTrigger.OUTAGE);
            // Fetched and refused at least twice: the poller retries and never gives the update up.
            long deadline = System.nanoTime() + DELIVERY.toNanos();
            while (StoreFaultTrigger.outagesRaised.get() < before + 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(StoreFaultTrigger.outagesRaised.get()).isGreaterThanOrEqualTo(before + 2);
            assertThat(failedUpdates(updateId)).isZero();
            assertThat(fake.confirmedOffset()).isLessThanOrEqualTo(updateId);
            StoreFaultTrigger.outage.set(false);
            awaitDelivered("during the outage " + StoreFaultTrigger.OUTAGE, "the message sent during the outage");
            assertThat(failedUpdates(updateId)).isZero();
        } finally {
            StoreFaultTrigger.outage.set(false);
            dropTrigger();
        }
    }

    /** Injects the {@code i}-th hostile update; returns "kind: details" for the failure message. */
    private String inject(HostileText gen, int i, int anchor) throws Exception {
        var random = gen.random();
        switch (i % KINDS) {
            case 0 -> {
                int n = gen.around(4096);
                String body = i % 20 == 0 ? HostileText.astral(n) : gen.visible(n);
                fake.injectOwnerText(body);
                return "text: " + describe(body);
            }
            case 1 -> {
                String prefix = "/to " + me + " ";
                String body = gen.visible(gen.around(4096 - prefix.length()));
                fake.injectOwnerText(prefix + body);
                return "to: " + describe(body);
            }
            case 2 -> {
                String prefix = "/file " + me + " ";
                String path = random.nextBoolean() ? HostileText.astral(gen.around(2100)) : gen.visible(gen.around(4000));
                fake.injectOwnerText(prefix + path);
                return "file: " + describe(path);
            }
            case 3 -> {
                String name = gen.visible(gen.around(200));
                String[] commands = { "/status " + name, "/keep " + name, "/delete " + name, "/to " + name + " hi",
                        "/" + name, "/help@" + FakeBotApi.BOT_USERNAME, "/sessions@other_bot", "/file " + name + " x",
                        "/" + HostileText.astral(40) + "@" + name };
                String command = commands[random.nextInt(commands.length)];
                fake.injectOwnerText(command);
                return "command: " + describe(command);
            }
            case 4 -> {
                String name = gen.visible(random.nextBoolean() ? gen.around(300) : gen.around(1024));
                String caption = random.nextBoolean() ? null : gen.visible(gen.around(1024));
                fake.injectOwnerDocument(name, "application/octet-stream", new byte[] { 1, 2, 3 }, caption);
                return "document: name " + describe(name) + ", caption " + describe(caption);
            }
            case 5 -> {
                String caption = random.nextBoolean() ? HostileText.astral(gen.around(1024))
                        : gen.visible(gen.around(1024));
                fake.injectOwnerPhoto(BotCommandsTest.png(), caption);
                return "photo: caption " + describe(caption);
            }
            case 6 -> {
                String data = random.nextInt(3) == 0 ? "a:" + gen.ofLength(gen.around(62)) : gen.ofLength(gen.around(64));
                fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, anchor, data);
                return "press: data of " + data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes";
            }
            case 7 -> {
                String body = gen.visible(gen.around(4096));
                fake.injectOwnerReply(anchor, body);
                return "reply: " + describe(body);
            }
            case 8 -> {
                String body = gen.visible(gen.around(4096));
                fake.injectEditedOwnerText(anchor, body);
                return "edit: " + describe(body);
            }
            default -> {
                String json = rawUpdate(gen, i / KINDS);
                fake.injectRawUpdate(id -> json.replace("\"UPDATE_ID\"", Long.toString(id)));
                return "raw: " + describe(json);
            }
        }
    }

    /** Updates the typed builders cannot make: wrong types, missing parts, out-of-range numbers. */
    private String rawUpdate(HostileText gen, int round) throws Exception {
        ObjectNode update = JSON.createObjectNode();
        update.put("update_id", "UPDATE_ID");
        ObjectNode message = update.putObject("message");
        message.put("message_id", 900_000 + round);
        message.put("date", 1_700_000_000L);
        ObjectNode chat = message.putObject("chat");
        chat.put("id", FakeBotApi.OWNER_CHAT_ID).put("type", "private");
        message.putObject("from").put("id", FakeBotApi.OWNER_CHAT_ID).put("is_bot", false).put("first_name", "O");
        switch (round % 9) {
            case 0 -> message.put("message_id", "not a number");
            case 1 -> message.putArray("photo").addNull();
            case 2 -> message.putObject("text").put("nested", gen.visible(50));
            case 3 -> message.put("text", gen.visible(300)).put("unknown_field", gen.visible(20))
                    .putObject("forward_origin").put("type", gen.visible(10));
            case 4 -> message.put("date", 1e300).put("text", "far future");
            case 5 -> {
                message.remove("chat");
                message.put("text", gen.visible(10));
            }
            case 6 -> {
                chat.put("id", 31337);
                message.put("message_id", "stranger's unreadable message");
            }
            case 7 -> message.putObject("document").put("file_id", gen.visible(2000)).put("file_name",
                    gen.visible(20));
            default -> {
                message.put("text", "🦄".repeat(4096));
                message.putObject("reply_to_message").put("message_id", Long.MAX_VALUE).put("date", 0)
                        .put("text", gen.visible(5000)).putObject("chat").put("id", FakeBotApi.OWNER_CHAT_ID)
                        .put("type", "private");
            }
        }
        return JSON.writeValueAsString(update);
    }

    private long rawOwnerText(String text) throws Exception {
        ObjectNode update = JSON.createObjectNode();
        ObjectNode message = update.putObject("message").put("message_id", 777_000).put("date", 1_700_000_000L)
                .put("text", text);
        message.putObject("chat").put("id", FakeBotApi.OWNER_CHAT_ID).put("type", "private");
        message.putObject("from").put("id", FakeBotApi.OWNER_CHAT_ID).put("is_bot", false).put("first_name", "O");
        return fake.injectRawUpdate(id -> update.deepCopy().put("update_id", id).toString());
    }

    /** Waits until the owner's message {@code marker} is handed to this session, taking what came before it. */
    private void awaitDelivered(String marker, String after) {
        long deadline = System.nanoTime() + DELIVERY.toNanos();
        List<String> before = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String reply = tools.waitReply(10);
            if (reply.equals(WaitTools.REPLY_INTRO + "" + marker)) {
                return;
            }
            before.add(describe(reply));
        }
        throw new AssertionError("\"" + marker + "\" did not arrive within " + DELIVERY.toSeconds() + " s after " + after
                + "; the session got instead: " + before);
    }

    private long failedUpdates(long updateId) {
        return sql.number("SELECT COUNT(*) FROM failed_update WHERE update_id = ?", updateId);
    }

    private void addTrigger() {
        sql.update("CREATE TRIGGER IF NOT EXISTS test_store_faults BEFORE INSERT ON inbox_message"
                + " FOR EACH ROW CALL \"" + StoreFaultTrigger.class.getName() + "\"");
    }

    private void dropTrigger() {
        sql.update("DROP TRIGGER IF EXISTS test_store_faults");
    }

    /** A text's length and start, printable in a failure message. */
    static String describe(String text) {
        if (text == null) {
            return "none";
        }
        String start = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return text.codePointCount(0, text.length()) + " characters (" + text.length() + " UTF-16 units) "
                + JSON.valueToTree(start);
    }
}
