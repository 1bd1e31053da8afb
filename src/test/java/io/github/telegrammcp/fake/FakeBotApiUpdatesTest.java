package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTestClient.Reply;
import io.github.telegrammcp.fake.BotApiTypes.CallbackQuery;
import io.github.telegrammcp.fake.BotApiTypes.Message;

/** getUpdates: ids, offsets, long polls, overlapping polls, and the shape of injected updates. */
class FakeBotApiUpdatesTest extends FakeBotApiTestBase {

    private JsonNode poll(String json) {
        Reply reply = client.json("getUpdates", json);
        assertThat(reply.ok()).as(reply.body().toString()).isTrue();
        return reply.result();
    }

    @Test
    void updatesComeOldestFirstWithIdsFrom500000001() {
        fake.injectOwnerText("one");
        fake.injectOwnerText("two");
        fake.injectOwnerText("three");

        JsonNode updates = poll("{}");

        assertThat(updates).hasSize(3);
        assertThat(updates.get(0).get("update_id").asLong()).isEqualTo(500_000_001L);
        assertThat(updates.get(2).get("update_id").asLong()).isEqualTo(500_000_003L);
        assertThat(updates.get(1).get("message").get("text").asText()).isEqualTo("two");
        assertThat(poll("{\"limit\":2}")).hasSize(2);
    }

    @Test
    void anOffsetConfirmsAndForgetsEarlierUpdates() {
        fake.injectOwnerText("one");
        fake.injectOwnerText("two");

        assertThat(poll("{\"offset\":500000002}")).singleElement()
                .satisfies(u -> assertThat(u.get("message").get("text").asText()).isEqualTo("two"));
        assertThat(fake.confirmedOffset()).isEqualTo(500_000_002L);
        assertThat(poll("{}")).as("update one is gone for good").hasSize(1);

        assertThat(poll("{\"offset\":500000003}")).isEmpty();
        assertThat(fake.pendingUpdates()).isEmpty();
        assertThat(fake.confirmedOffset()).isEqualTo(500_000_003L);
    }

    @Test
    void unconfirmedUpdatesAreDeliveredAgain() {
        fake.injectOwnerText("one");

        assertThat(poll("{\"offset\":0}")).hasSize(1);
        assertThat(poll("{\"offset\":0}")).hasSize(1);
    }

    @Test
    void aNegativeOffsetKeepsOnlyTheLastUpdates() {
        fake.injectOwnerText("one");
        fake.injectOwnerText("two");
        fake.injectOwnerText("three");

        assertThat(poll("{\"offset\":-1}")).singleElement()
                .satisfies(u -> assertThat(u.get("message").get("text").asText()).isEqualTo("three"));
        assertThat(fake.pendingUpdates()).hasSize(1);
    }

    @Test
    void aLongPollIsAnsweredAsSoonAsAnUpdateArrives() throws Exception {
        CompletableFuture<Reply> held = client.jsonAsync("getUpdates", "{\"timeout\":2}");
        fake.awaitPollHeld(Duration.ofSeconds(1));
        long start = System.nanoTime();

        fake.injectOwnerText("wake up");

        Reply reply = held.get(2, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("well before the 2 s timeout")
                .isLessThan(1500);
        assertThat(reply.result()).singleElement()
                .satisfies(u -> assertThat(u.get("message").get("text").asText()).isEqualTo("wake up"));
    }

    @Test
    void aLongPollWithNothingToSayAnswersEmptyAfterTheTimeout() {
        long start = System.nanoTime();

        JsonNode updates = poll("{\"timeout\":1}");

        assertThat(updates).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(900L, 4000L);
    }

    @Test
    void aHeldPollDoesNotBlockOtherMethods() throws Exception {
        CompletableFuture<Reply> held = client.jsonAsync("getUpdates", "{\"timeout\":2}");
        fake.awaitPollHeld(Duration.ofSeconds(1));

        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"while polling\"}").ok()).isTrue();
        assertThat(held).isNotDone();
        fake.injectOwnerText("done");
        assertThat(held.get(2, TimeUnit.SECONDS).ok()).isTrue();
    }

    @Test
    void aSecondPollTerminatesTheHeldOneWith409() throws Exception {
        CompletableFuture<Reply> older = client.jsonAsync("getUpdates", "{\"timeout\":2}");
        fake.awaitPollHeld(Duration.ofSeconds(1));

        Reply newer = client.json("getUpdates", "{\"timeout\":0}");
        Reply terminated = older.get(1, TimeUnit.SECONDS);

        assertThat(newer.status()).isEqualTo(200);
        assertThat(newer.result()).isEmpty();
        assertThat(terminated.status()).isEqualTo(409);
        assertThat(terminated.errorCode()).isEqualTo(409);
        assertThat(terminated.description()).isEqualTo(
                "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
        assertThat(fake.overlapCount()).isEqualTo(1);
        assertThat(fake.getUpdatesCount()).isEqualTo(2);
    }

    @Test
    void sequentialPollsDoNotOverlap() {
        poll("{\"timeout\":0}");
        poll("{\"timeout\":0}");

        assertThat(fake.overlapCount()).isZero();
        assertThat(fake.getUpdatesCount()).isEqualTo(2);
    }

    @Test
    void allowedUpdatesFilterTheTypesDelivered() {
        client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"Approve?\",\"reply_markup\":{\"inline_keyboard\":"
                + "[[{\"text\":\"Yes\",\"callback_data\":\"yes\"}]]}}");
        fake.injectOwnerText("text");
        fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, 1, "yes");

        JsonNode updates = poll("{\"allowed_updates\":[\"callback_query\"]}");

        assertThat(updates).singleElement().satisfies(u -> assertThat(u.has("callback_query")).isTrue());
        assertThat(poll("{\"allowed_updates\":[]}")).hasSize(2);
    }

    @Test
    void ownerTextLooksLikeTelegrams() {
        Message injected = fake.injectOwnerText("/status@fake_test_bot now");

        JsonNode update = poll("{}").get(0);
        JsonNode message = update.get("message");

        assertThat(update.fieldNames()).toIterable().containsExactly("update_id", "message");
        assertThat(message.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("message_id", "from", "chat", "date", "text", "entities");
        assertThat(message.get("message_id").asInt()).isEqualTo(injected.messageId());
        assertThat(message.get("from").get("id").asLong()).isEqualTo(1001);
        assertThat(message.get("from").get("is_bot").asBoolean()).isFalse();
        assertThat(message.get("from").get("first_name").asText()).isEqualTo("Owner");
        assertThat(message.get("chat").get("id").asLong()).isEqualTo(1001);
        assertThat(message.get("chat").get("type").asText()).isEqualTo("private");
        assertThat(message.get("date").asLong()).isPositive();
        assertThat(message.get("entities").get(0).toString())
                .isEqualTo("{\"type\":\"bot_command\",\"offset\":0,\"length\":21}");
        assertThat(message.has("reply_to_message")).isFalse();
    }

    @Test
    void anOwnerReplyCarriesTheBotsMessage() {
        client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"Which branch?\"}");

        Message reply = fake.injectOwnerReply(1, "main");

        JsonNode message = poll("{}").get(0).get("message");
        assertThat(reply.replyToMessage().text()).isEqualTo("Which branch?");
        assertThat(message.get("text").asText()).isEqualTo("main");
        assertThat(message.get("reply_to_message").get("message_id").asInt()).isEqualTo(1);
        assertThat(message.get("reply_to_message").get("from").get("is_bot").asBoolean()).isTrue();
        assertThat(message.get("reply_to_message").get("text").asText()).isEqualTo("Which branch?");
        assertThatThrownBy(() -> fake.injectOwnerReply(99, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void strangersAndGroupsHaveTheirOwnChats() {
        fake.injectText(555L, 555L, "private", "who are you?");
        fake.injectText(-42L, 1001L, "group", "hi all");

        JsonNode updates = poll("{}");

        JsonNode stranger = updates.get(0).get("message");
        assertThat(stranger.get("chat").get("id").asLong()).isEqualTo(555);
        assertThat(stranger.get("from").get("id").asLong()).isEqualTo(555);
        assertThat(stranger.get("message_id").asInt()).isEqualTo(1);
        JsonNode group = updates.get(1).get("message");
        assertThat(group.get("chat").get("type").asText()).isEqualTo("group");
        assertThat(group.get("chat").get("title").asText()).isNotBlank();
        assertThat(group.get("from").get("id").asLong()).isEqualTo(1001);
    }

    @Test
    void aCallbackQueryCarriesTheMessageAndData() {
        client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"Approve?\",\"reply_markup\":{\"inline_keyboard\":"
                + "[[{\"text\":\"Yes\",\"callback_data\":\"approve:7\"}]]}}");

        CallbackQuery query = fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, 1, "approve:7");

        JsonNode callback = poll("{}").get(0).get("callback_query");
        assertThat(callback.get("id").asText()).isEqualTo(query.id());
        assertThat(callback.get("from").get("id").asLong()).isEqualTo(1001);
        assertThat(callback.get("data").asText()).isEqualTo("approve:7");
        assertThat(callback.get("chat_instance").asText()).isNotBlank();
        assertThat(callback.get("message").get("message_id").asInt()).isEqualTo(1);
        assertThat(callback.get("message").get("reply_markup").get("inline_keyboard")).hasSize(1);
        assertThatThrownBy(() -> fake.injectCallback(1001, 1001, 42, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEditedOwnerMessageIsAnEditedMessageUpdate() {
        Message original = fake.injectOwnerText("typo");

        fake.injectEditedOwnerText(original.messageId(), "fixed");

        JsonNode updates = poll("{}");
        assertThat(updates).hasSize(2);
        JsonNode edited = updates.get(1).get("edited_message");
        assertThat(updates.get(1).has("message")).isFalse();
        assertThat(edited.get("message_id").asInt()).isEqualTo(original.messageId());
        assertThat(edited.get("text").asText()).isEqualTo("fixed");
        assertThat(edited.get("edit_date").asLong()).isPositive();
    }

    @Test
    void voiceAndDocumentMessagesDescribeTheirFiles() {
        fake.injectOwnerVoice(new byte[] { 'O', 'g', 'g', 'S', 1, 2 }, 3);
        fake.injectOwnerDocument("notes.md", "text/markdown", "# hi".getBytes(), "my notes");

        JsonNode updates = poll("{}");

        JsonNode voice = updates.get(0).get("message").get("voice");
        assertThat(voice.get("duration").asInt()).isEqualTo(3);
        assertThat(voice.get("mime_type").asText()).isEqualTo("audio/ogg");
        assertThat(voice.get("file_size").asLong()).isEqualTo(6);
        assertThat(voice.get("file_id").asText()).isNotBlank();
        assertThat(voice.get("file_unique_id").asText()).isNotBlank();
        JsonNode document = updates.get(1).get("message");
        assertThat(document.get("caption").asText()).isEqualTo("my notes");
        assertThat(document.get("document").get("file_name").asText()).isEqualTo("notes.md");
        assertThat(document.get("document").get("mime_type").asText()).isEqualTo("text/markdown");
        assertThat(document.get("document").get("file_size").asLong()).isEqualTo(4);
    }

    @Test
    void deleteWebhookCanDropPendingUpdates() {
        fake.injectOwnerText("stale");

        assertThat(client.json("deleteWebhook", "{\"drop_pending_updates\":true}").ok()).isTrue();

        assertThat(poll("{}")).isEmpty();
        assertThat(client.get("getWebhookInfo", null).result().get("pending_update_count").asInt()).isZero();
    }

    @Test
    void updateIdsKeepCountingAfterReset() {
        fake.injectOwnerText("one");
        fake.reset();

        fake.injectOwnerText("two");

        assertThat(poll("{}").get(0).get("update_id").asLong()).isEqualTo(500_000_002L);
    }
}
