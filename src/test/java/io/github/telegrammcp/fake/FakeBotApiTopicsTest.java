package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTestClient.Reply;

/** Topics in the fake: private chats with threaded mode (Bot API 9.3/9.4) and forum supergroups. */
class FakeBotApiTopicsTest extends FakeBotApiTestBase {

    static final long OWNER = FakeBotApi.OWNER_CHAT_ID;

    @Test
    void getMeTellsWhetherThePrivateChatsHaveTopics() {
        assertThat(client.json("getMe", "{}").result().get("has_topics_enabled").asBoolean()).isFalse();
        fake.enablePrivateTopics(true);
        assertThat(client.json("getMe", "{}").result().get("has_topics_enabled").asBoolean()).isTrue();
    }

    @Test
    void withoutThreadedModeNoTopicCanBeMadeOrUsed() {
        Reply create = client.json("createForumTopic", "{\"chat_id\":" + OWNER + ",\"name\":\"alpha\"}");
        assertThat(create.errorCode()).isEqualTo(400);
        assertThat(create.description()).isEqualTo("Bad Request: the chat is not a forum");
        Reply send = client.json("sendMessage", "{\"chat_id\":" + OWNER + ",\"message_thread_id\":1,\"text\":\"x\"}");
        assertThat(send.description()).isEqualTo("Bad Request: message thread not found");
        assertThat(fake.sentMessages()).isEmpty();
    }

    @Test
    void aTopicIsItsOpeningMessageAndSendsToItCarryItsThreadId() {
        fake.enablePrivateTopics(true);
        JsonNode topic = client.json("createForumTopic", "{\"chat_id\":" + OWNER + ",\"name\":\"alpha\"}").result();
        int thread = topic.get("message_thread_id").asInt();
        assertThat(topic.get("name").asText()).isEqualTo("alpha");
        assertThat(topic.get("icon_color").asInt()).isEqualTo(0x6FB9F0);
        assertThat(fake.message(OWNER, thread).forumTopicCreated().get("name").asText()).isEqualTo("alpha");

        Reply sent = client.json("sendMessage", "{\"chat_id\":" + OWNER + ",\"message_thread_id\":" + thread
                + ",\"text\":\"in the topic\"}");
        assertThat(sent.result().get("message_thread_id").asInt()).isEqualTo(thread);
        assertThat(sent.result().get("is_topic_message").asBoolean()).isTrue();
        assertThat(fake.sentMessages()).singleElement().extracting(SentMessage::messageThreadId).isEqualTo(thread);

        Reply elsewhere = client.json("sendMessage", "{\"chat_id\":" + OWNER + ",\"text\":\"main chat\"}");
        assertThat(elsewhere.result().has("message_thread_id")).isFalse();
    }

    @Test
    void closedAndDeletedTopicsAreRefusedAsTelegramDoes() {
        fake.enablePrivateTopics(true);
        int thread = client.json("createForumTopic", "{\"chat_id\":" + OWNER + ",\"name\":\"alpha\"}").result()
                .get("message_thread_id").asInt();
        String inTopic = "{\"chat_id\":" + OWNER + ",\"message_thread_id\":" + thread + ",\"text\":\"x\"}";
        String topicRef = "{\"chat_id\":" + OWNER + ",\"message_thread_id\":" + thread + "}";

        assertThat(client.json("closeForumTopic", topicRef).ok()).isTrue();
        assertThat(client.json("closeForumTopic", topicRef).description()).isEqualTo("Bad Request: TOPIC_NOT_MODIFIED");
        assertThat(client.json("sendMessage", inTopic).description()).isEqualTo("Bad Request: TOPIC_CLOSED");
        assertThat(client.json("reopenForumTopic", topicRef).ok()).isTrue();
        assertThat(client.json("sendMessage", inTopic).ok()).isTrue();

        fake.deleteTopic(OWNER, thread);
        assertThat(client.json("sendMessage", inTopic).description()).isEqualTo("Bad Request: message thread not found");
        assertThat(client.json("reopenForumTopic", topicRef).description()).isEqualTo("Bad Request: TOPIC_ID_INVALID");
        assertThat(client.json("createForumTopic", "{\"chat_id\":" + OWNER + ",\"name\":\" \"}").description())
                .isEqualTo("Bad Request: TOPIC_TITLE_EMPTY");
    }

    @Test
    void whatTheOwnerWritesInATopicArrivesWithItsThreadId() {
        fake.enablePrivateTopics(true);
        int thread = client.json("createForumTopic", "{\"chat_id\":" + OWNER + ",\"name\":\"alpha\"}").result()
                .get("message_thread_id").asInt();
        fake.injectOwnerTextInTopic(thread, "hello alpha");
        JsonNode message = client.json("getUpdates", "{}").result().get(0).get("message");
        assertThat(message.get("message_thread_id").asInt()).isEqualTo(thread);
        assertThat(message.get("is_topic_message").asBoolean()).isTrue();
        assertThat(message.has("reply_to_message")).as("private chats mark no opening reply").isFalse();
    }

    @Test
    void aForumSupergroupMarksTopicMessagesAsRepliesToTheOpeningMessage() {
        long group = -100_555L;
        fake.addForumSupergroup(group);
        assertThat(client.json("getChat", "{\"chat_id\":" + group + "}").result().get("is_forum").asBoolean())
                .isTrue();
        int thread = client.json("createForumTopic", "{\"chat_id\":" + group + ",\"name\":\"one\"}").result()
                .get("message_thread_id").asInt();
        fake.injectTextInTopic(group, 4242, thread, "for one");
        JsonNode message = client.json("getUpdates", "{}").result().get(0).get("message");
        assertThat(message.get("message_thread_id").asInt()).isEqualTo(thread);
        assertThat(message.get("reply_to_message").get("message_id").asInt()).isEqualTo(thread);
        assertThat(message.get("reply_to_message").get("forum_topic_created").get("name").asText()).isEqualTo("one");
    }
}
