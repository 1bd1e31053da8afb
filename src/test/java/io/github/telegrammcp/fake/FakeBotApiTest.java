package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTestClient.Reply;
import io.github.telegrammcp.fake.BotApiTypes.CallbackQuery;

/** Routing, parameter encodings, text messages, edits, callbacks, commands and recording. */
class FakeBotApiTest extends FakeBotApiTestBase {

    private static final String OWNER = Long.toString(FakeBotApi.OWNER_CHAT_ID);
    private static final String KEYBOARD = "{\"inline_keyboard\":[[{\"text\":\"Yes\",\"callback_data\":\"yes\"},"
            + "{\"text\":\"No\",\"callback_data\":\"no\"}]]}";

    private Reply sendText(String text) {
        return client.json("sendMessage", "{\"chat_id\":" + OWNER + ",\"text\":" + quote(text) + "}");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void listensOnLoopbackWithAnEphemeralPort() {
        assertThat(fake.port()).isPositive();
        assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + fake.port());
        assertThat(fake.token()).isEqualTo(FakeBotApi.TOKEN);
    }

    @Test
    void getMeDescribesTheBot() {
        Reply reply = client.get("getMe", null);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.ok()).isTrue();
        assertThat(reply.result().get("id").asLong()).isEqualTo(FakeBotApi.BOT_USER_ID);
        assertThat(reply.result().get("is_bot").asBoolean()).isTrue();
        assertThat(reply.result().get("username").asText()).isEqualTo("fake_test_bot");
    }

    @Test
    void aWrongTokenIsUnauthorized() {
        Reply reply = client.path("/bot123:wrong/getMe");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body().toString())
                .isEqualTo("{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}");
    }

    @Test
    void aCustomTokenReplacesTheDefaultOne() {
        try (FakeBotApi custom = new FakeBotApi("42:Custom").start()) {
            BotApiTestClient customClient = new BotApiTestClient(custom);
            assertThat(customClient.get("getMe", null).ok()).isTrue();
            assertThat(customClient.path("/bot" + FakeBotApi.TOKEN + "/getMe").status()).isEqualTo(401);
        }
    }

    @Test
    void unknownMethodsAndPathsAreNotFound() {
        Reply unknown = client.get("sendTelepathy", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.description()).isEqualTo("Not Found");
        assertThat(client.path("/elsewhere").status()).isEqualTo(404);
    }

    @Test
    void methodNamesAreCaseInsensitiveAndRecordedCanonically() {
        assertThat(client.get("GETME", null).ok()).isTrue();
        assertThat(client.json("sendmessage", "{\"chat_id\":1001,\"text\":\"hi\"}").ok()).isTrue();

        assertThat(fake.calls()).extracting(RecordedCall::method).containsExactly("getMe", "sendMessage");
    }

    @Test
    void parametersArriveInEveryEncoding() {
        Reply query = client.get("sendMessage", "chat_id=1001&text=" + BotApiTestClient.enc("via query & more"));
        Reply form = client.form("sendMessage", Map.of("chat_id", OWNER, "text", "via form", "reply_markup", KEYBOARD));
        Reply json = client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"via json\",\"reply_markup\":" + KEYBOARD
                + "}");
        Reply multipart = client.multipart("sendMessage", Map.of("chat_id", OWNER, "text", "via multipart ✓",
                "reply_markup", KEYBOARD), null, null, null, null);

        assertThat(List.of(query, form, json, multipart)).allMatch(Reply::ok);
        assertThat(fake.sentMessages()).extracting(SentMessage::visibleText)
                .containsExactly("via query & more", "via form", "via json", "via multipart ✓");
        assertThat(fake.sentMessages().get(1).callbackData()).containsExactly("yes", "no");
        assertThat(fake.sentMessages().get(2).callbackData()).containsExactly("yes", "no");
        assertThat(fake.sentMessages().get(3).buttonTexts()).containsExactly("Yes", "No");
        assertThat(form.result().get("reply_markup")).isEqualTo(json.result().get("reply_markup"));
        assertThat(fake.calls().get(2).param("reply_markup")).contains("\"callback_data\":\"yes\"");
    }

    @Test
    void sendMessageAnswersWithTheMessageInBotApiShape() {
        Reply first = client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"<b>Build</b> &amp; test\","
                + "\"parse_mode\":\"HTML\",\"reply_markup\":" + KEYBOARD + "}");
        Reply second = sendText("again");

        JsonNode message = first.result();
        assertThat(message.get("message_id").asInt()).isEqualTo(1);
        assertThat(second.result().get("message_id").asInt()).isEqualTo(2);
        assertThat(message.get("from").get("id").asLong()).isEqualTo(FakeBotApi.BOT_USER_ID);
        assertThat(message.get("from").get("is_bot").asBoolean()).isTrue();
        assertThat(message.get("from").get("username").asText()).isEqualTo("fake_test_bot");
        assertThat(message.get("chat").get("id").asLong()).isEqualTo(1001);
        assertThat(message.get("chat").get("type").asText()).isEqualTo("private");
        assertThat(message.get("chat").get("first_name").asText()).isEqualTo("Owner");
        assertThat(message.get("date").asLong()).isPositive();
        assertThat(message.get("text").asText()).isEqualTo("Build & test");
        assertThat(message.get("entities").toString()).isEqualTo("[{\"type\":\"bold\",\"offset\":0,\"length\":5}]");
        assertThat(message.get("reply_markup").get("inline_keyboard").get(0).get(1).get("callback_data").asText())
                .isEqualTo("no");
        assertThat(message.has("caption")).isFalse();

        SentMessage recorded = fake.sentMessages().get(0);
        assertThat(recorded.kind()).isEqualTo(SentMessage.Kind.TEXT);
        assertThat(recorded.chatId()).isEqualTo(1001);
        assertThat(recorded.messageId()).isEqualTo(1);
        assertThat(recorded.rawText()).isEqualTo("<b>Build</b> &amp; test");
        assertThat(recorded.parseMode()).isEqualTo("HTML");
        assertThat(recorded.visibleText()).isEqualTo("Build & test");
        assertThat(recorded.replyMarkup()).contains("inline_keyboard");
        assertThat(fake.message(1001, 1).text()).isEqualTo("Build & test");
    }

    @Test
    void sendMessageToAnUnknownChatFails() {
        Reply reply = client.json("sendMessage", "{\"chat_id\":4242,\"text\":\"hi\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400);
        assertThat(reply.description()).isEqualTo("Bad Request: chat not found");
        assertThat(reply.body().has("parameters")).isFalse();
        assertThat(fake.sentMessages()).isEmpty();
    }

    @Test
    void chatsBecomeKnownWhenSomeoneWritesFromThem() {
        fake.injectText(-100200300L, 77L, "supergroup", "hello bot");

        assertThat(client.json("sendMessage", "{\"chat_id\":-100200300,\"text\":\"hi group\"}").ok()).isTrue();
    }

    @Test
    void emptyTextIsRefused() {
        assertThat(sendText("").description()).isEqualTo("Bad Request: message text is empty");
        assertThat(client.json("sendMessage", "{\"chat_id\":1001}").description())
                .isEqualTo("Bad Request: message text is empty");
        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"<b></b> \",\"parse_mode\":\"HTML\"}")
                .description()).isEqualTo("Bad Request: message text is empty");
    }

    @Test
    void invalidHtmlIsRefusedWithTheParserDetail() {
        Reply reply = client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"a < b\",\"parse_mode\":\"HTML\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.description())
                .isEqualTo("Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 2");
        assertThat(sendText("a < b").ok()).as("without parse_mode the text is literal").isTrue();
        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"x\",\"parse_mode\":\"Fancy\"}")
                .description()).isEqualTo("Bad Request: unsupported parse_mode");
    }

    @Test
    void theLengthLimitAppliesToVisibleUtf16Text() {
        String visible4096 = "x".repeat(4096);
        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"<b>" + visible4096
                + "</b>\",\"parse_mode\":\"HTML\"}").ok()).isTrue();
        assertThat(sendText(visible4096 + "y").description()).isEqualTo("Bad Request: message is too long");
        assertThat(sendText("😀".repeat(2048)).ok()).isTrue();
        assertThat(sendText("😀".repeat(2048) + "y").description()).isEqualTo("Bad Request: message is too long");
    }

    @Test
    void callbackDataIsLimitedTo64Bytes() {
        String ok = "{\"inline_keyboard\":[[{\"text\":\"b\",\"callback_data\":\"" + "d".repeat(64) + "\"}]]}";
        String tooLong = "{\"inline_keyboard\":[[{\"text\":\"b\",\"callback_data\":\"" + "é".repeat(33) + "\"}]]}";

        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"k\",\"reply_markup\":" + ok + "}").ok())
                .isTrue();
        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"k\",\"reply_markup\":" + tooLong + "}")
                .description()).isEqualTo("Bad Request: BUTTON_DATA_INVALID");
    }

    @Test
    void keyboardsHaveAtMost100ActionButtons() {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            rows.append(i == 0 ? "" : ",").append("[{\"text\":\"b\",\"callback_data\":\"").append(i).append("\"}]");
        }
        String tooMany = "{\"inline_keyboard\":[" + rows + "]}";
        String textOnly = "{\"inline_keyboard\":[[{\"text\":\"just text\"}]]}";

        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"k\",\"reply_markup\":" + tooMany + "}")
                .description()).isEqualTo("Bad Request: REPLY_MARKUP_TOO_LONG");
        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"k\",\"reply_markup\":" + textOnly + "}")
                .description()).isEqualTo(
                        "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        assertThat(client.form("sendMessage", Map.of("chat_id", OWNER, "text", "k", "reply_markup", "{oops"))
                .description()).isEqualTo("Bad Request: can't parse reply keyboard markup JSON object");
    }

    @Test
    void repliesPointAtAnExistingMessage() {
        sendText("question");

        Reply byId = client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"a\",\"reply_to_message_id\":1}");
        Reply byParameters = client.json("sendMessage",
                "{\"chat_id\":1001,\"text\":\"b\",\"reply_parameters\":{\"message_id\":1}}");
        Reply missing = client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"c\",\"reply_to_message_id\":99}");

        assertThat(byId.result().get("reply_to_message").get("text").asText()).isEqualTo("question");
        assertThat(byParameters.result().get("reply_to_message").get("message_id").asInt()).isEqualTo(1);
        assertThat(fake.sentMessages().get(1).replyToMessageId()).isEqualTo(1);
        assertThat(missing.description()).isEqualTo("Bad Request: message to be replied not found");
        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"d\",\"reply_parameters\":"
                + "{\"message_id\":99,\"allow_sending_without_reply\":true}}").ok()).isTrue();
    }

    @Test
    void linkPreviewOptionsAreAcceptedAndRecorded() {
        assertThat(client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"https://x.org\","
                + "\"link_preview_options\":{\"is_disabled\":true},\"disable_web_page_preview\":true}").ok()).isTrue();
        assertThat(fake.calls("sendMessage").get(0).param("link_preview_options")).isEqualTo("{\"is_disabled\":true}");
    }

    @Test
    void editMessageTextReplacesTextAndKeyboard() {
        client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"Approve?\",\"reply_markup\":" + KEYBOARD + "}");

        Reply edited = client.json("editMessageText",
                "{\"chat_id\":1001,\"message_id\":1,\"text\":\"<i>Approved</i>\",\"parse_mode\":\"HTML\"}");

        assertThat(edited.ok()).isTrue();
        assertThat(edited.result().get("text").asText()).isEqualTo("Approved");
        assertThat(edited.result().has("edit_date")).isTrue();
        assertThat(edited.result().has("reply_markup")).as("an edit without reply_markup removes the keyboard")
                .isFalse();
        assertThat(fake.edits()).singleElement().satisfies(edit -> {
            assertThat(edit.method()).isEqualTo("editMessageText");
            assertThat(edit.messageId()).isEqualTo(1);
            assertThat(edit.rawText()).isEqualTo("<i>Approved</i>");
            assertThat(edit.visibleText()).isEqualTo("Approved");
        });
        assertThat(fake.message(1001, 1).text()).isEqualTo("Approved");
    }

    @Test
    void editingToTheSameContentIsNotModified() {
        client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"<b>same</b>\",\"parse_mode\":\"HTML\"}");

        Reply same = client.json("editMessageText",
                "{\"chat_id\":1001,\"message_id\":1,\"text\":\"<strong>same</strong>\",\"parse_mode\":\"HTML\"}");
        Reply unformatted = client.json("editMessageText", "{\"chat_id\":1001,\"message_id\":1,\"text\":\"same\"}");

        assertThat(same.description()).isEqualTo("Bad Request: message is not modified: specified new message "
                + "content and reply markup are exactly the same as a current content and reply markup of the message");
        assertThat(unformatted.ok()).as("dropping the bold entity is a change").isTrue();
    }

    @Test
    void editingAnUnknownMessageFails() {
        assertThat(client.json("editMessageText", "{\"chat_id\":1001,\"message_id\":7,\"text\":\"x\"}").description())
                .isEqualTo("Bad Request: message to edit not found");
        fake.injectOwnerText("mine");
        assertThat(client.json("editMessageText", "{\"chat_id\":1001,\"message_id\":1,\"text\":\"x\"}").description())
                .isEqualTo("Bad Request: message can't be edited");
    }

    @Test
    void editMessageReplyMarkupChangesOnlyTheKeyboard() {
        client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"Approve?\",\"reply_markup\":" + KEYBOARD + "}");

        Reply removed = client.json("editMessageReplyMarkup", "{\"chat_id\":1001,\"message_id\":1}");
        Reply again = client.json("editMessageReplyMarkup", "{\"chat_id\":1001,\"message_id\":1}");

        assertThat(removed.ok()).isTrue();
        assertThat(removed.result().get("text").asText()).isEqualTo("Approve?");
        assertThat(removed.result().has("reply_markup")).isFalse();
        assertThat(again.description()).startsWith("Bad Request: message is not modified");
        assertThat(fake.edits()).extracting(MessageEdit::method).containsExactly("editMessageReplyMarkup");
        assertThat(client.json("editMessageReplyMarkup", "{\"chat_id\":1001,\"message_id\":5}").description())
                .isEqualTo("Bad Request: message to edit not found");
    }

    @Test
    void aCallbackQueryCanBeAnsweredOnce() {
        client.json("sendMessage", "{\"chat_id\":1001,\"text\":\"Approve?\",\"reply_markup\":" + KEYBOARD + "}");
        CallbackQuery query = fake.injectCallback(FakeBotApi.OWNER_CHAT_ID, FakeBotApi.OWNER_CHAT_ID, 1, "yes");

        Reply first = client.json("answerCallbackQuery",
                "{\"callback_query_id\":\"" + query.id() + "\",\"text\":\"Done\",\"show_alert\":true}");
        Reply second = client.json("answerCallbackQuery", "{\"callback_query_id\":\"" + query.id() + "\"}");
        Reply unknown = client.json("answerCallbackQuery", "{\"callback_query_id\":\"12345\"}");

        assertThat(first.result().asBoolean()).isTrue();
        String tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid";
        assertThat(second.description()).isEqualTo(tooOld);
        assertThat(unknown.description()).isEqualTo(tooOld);
        assertThat(fake.answeredCallbacks()).singleElement().satisfies(answer -> {
            assertThat(answer.callbackQueryId()).isEqualTo(query.id());
            assertThat(answer.text()).isEqualTo("Done");
            assertThat(answer.showAlert()).isTrue();
        });
    }

    @Test
    void commandsAreStoredUntilDeleted() {
        Reply set = client.json("setMyCommands", "{\"commands\":[{\"command\":\"status\",\"description\":\"Sessions\"},"
                + "{\"command\":\"stop_all\",\"description\":\"Stop\"}],\"scope\":{\"type\":\"chat\",\"chat_id\":1001}}");

        assertThat(set.result().asBoolean()).isTrue();
        assertThat(fake.commandsSet()).containsExactly("status", "stop_all");
        assertThat(fake.commands().get(0).description()).isEqualTo("Sessions");
        assertThat(fake.commandScope()).contains("\"chat_id\":1001");
        assertThat(client.get("getMyCommands", null).result().get(1).get("command").asText()).isEqualTo("stop_all");

        assertThat(client.json("setMyCommands", "{\"commands\":[{\"command\":\"Status\",\"description\":\"x\"}]}")
                .description()).isEqualTo("Bad Request: BOT_COMMAND_INVALID");
        assertThat(client.json("deleteMyCommands", "{}").ok()).isTrue();
        assertThat(fake.commandsSet()).isEmpty();
    }

    @Test
    void housekeepingMethodsAnswerTrue() {
        assertThat(client.json("deleteWebhook", "{\"drop_pending_updates\":false}").result().asBoolean()).isTrue();
        assertThat(client.json("sendChatAction", "{\"chat_id\":1001,\"action\":\"typing\"}").result().asBoolean())
                .isTrue();
        assertThat(client.json("sendChatAction", "{\"chat_id\":1001,\"action\":\"dancing\"}").description())
                .isEqualTo("Bad Request: wrong parameter action in request");
        assertThat(client.json("sendChatAction", "{\"chat_id\":5,\"action\":\"typing\"}").description())
                .isEqualTo("Bad Request: chat not found");
        sendText("bye");
        assertThat(client.json("deleteMessage", "{\"chat_id\":1001,\"message_id\":1}").ok()).isTrue();
        assertThat(client.json("deleteMessage", "{\"chat_id\":1001,\"message_id\":1}").description())
                .isEqualTo("Bad Request: message to delete not found");
    }

    @Test
    void awaitSentMessageWaitsForAMatchAndFailsOnTimeout() {
        CompletableFuture.runAsync(() -> {
            sleep(100);
            sendText("late hello");
        });

        SentMessage late = fake.awaitSentMessage(m -> m.visibleText().startsWith("late"), Duration.ofSeconds(2));

        assertThat(late.visibleText()).isEqualTo("late hello");
        assertThat(fake.awaitSentMessage(m -> m.visibleText().equals("late hello"), Duration.ZERO))
                .as("messages sent before the call count").isEqualTo(late);
        assertThatThrownBy(() -> fake.awaitSentMessage(m -> m.visibleText().equals("never"), Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("No matching sent message");
        assertThat(fake.awaitCall(c -> c.method().equals("sendMessage"), Duration.ZERO).param("chat_id"))
                .isEqualTo("1001");
    }

    @Test
    void resetClearsRecordingsAndPendingUpdatesButKeepsTelegramState() {
        sendText("one");
        client.json("setMyCommands", "{\"commands\":[{\"command\":\"status\",\"description\":\"Sessions\"}]}");
        fake.injectOwnerText("pending");
        fake.failNext("sendMessage", 500, null);

        fake.reset();

        assertThat(fake.calls()).isEmpty();
        assertThat(fake.sentMessages()).isEmpty();
        assertThat(fake.pendingUpdates()).isEmpty();
        assertThat(fake.commandsSet()).containsExactly("status");
        assertThat(sendText("two").result().get("message_id").asInt()).as("message ids keep counting").isEqualTo(3);
        assertThat(fake.injectOwnerText("next").messageId()).isEqualTo(4);
    }

    @Test
    void theTokenNeverAppearsInLogs() {
        Logger logger = Logger.getLogger(FakeBotApi.class.getName());
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        logger.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            sendText("hello");
            client.json("sendMessage", "{\"chat_id\":9,\"text\":\"hello\"}");
            client.get("nope", null);
            fake.restart();
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(before);
        }
        assertThat(logged).isNotEmpty().noneMatch(line -> line.contains(FakeBotApi.TOKEN) || line.contains("AAFake"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
