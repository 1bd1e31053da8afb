package io.github.telegrammcp.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.inbox.Attachment;
import io.github.telegrammcp.telegram.api.CallbackQuery;
import io.github.telegrammcp.telegram.api.Chat;
import io.github.telegrammcp.telegram.api.Document;
import io.github.telegrammcp.telegram.api.Message;
import io.github.telegrammcp.telegram.api.PhotoSize;
import io.github.telegrammcp.telegram.api.Update;
import io.github.telegrammcp.telegram.api.User;

class UpdateRouterTest {

    static final long OWNER = 1001;
    static final SessionRef API = new SessionRef("id-api", "api", true);
    static final SessionRef WEB = new SessionRef("id-web", "web", true);
    static final SessionRef OLD = new SessionRef("id-old", "old", false);

    final UpdateRouter router = new UpdateRouter(OWNER, Set.of(), () -> Optional.of("My_Bot"));
    final FakeView view = new FakeView();

    @Test
    void plainMessageWithOneLiveSessionGoesToIt() {
        view.live.add(API);
        assertThat(router.route(text(OWNER, OWNER, "run the tests"), view))
                .isEqualTo(new Route.Deliver(API, "run the tests", "only"));
    }

    @Test
    void plainMessageWithSeveralSessionsAsksWhich() {
        view.live.addAll(List.of(API, WEB));
        assertThat(router.route(text(OWNER, OWNER, "hello"), view)).isEqualTo(new Route.AskWhich(List.of(API, WEB),
                "hello"));
    }

    @Test
    void plainMessageWithNoSessionIsAnsweredNotLost() {
        assertThat(router.route(text(OWNER, OWNER, "hello"), view)).isInstanceOf(Route.Reply.class)
                .extracting(r -> ((Route.Reply) r).html()).asString().contains("No assistant session is running");
    }

    @Test
    void replyToASessionsMessageGoesToThatSessionEvenWithSeveral() {
        view.live.addAll(List.of(API, WEB));
        view.sent.put(77L, WEB);
        Update reply = update(message(OWNER, OWNER, "yes, deploy", message(OWNER, 999, "❓ [web] deploy?", null, 77), 11));
        assertThat(router.route(reply, view)).isEqualTo(new Route.Deliver(WEB, "yes, deploy", "reply"));
    }

    @Test
    void replyToAnEndedSessionIsExplained() {
        view.live.add(API);
        view.sent.put(5L, OLD);
        Update reply = update(message(OWNER, OWNER, "go", message(OWNER, 999, "x", null, 5), 11));
        assertThat(((Route.Reply) router.route(reply, view)).html()).contains("<b>old</b> has ended");
    }

    @Test
    void replyToAnUnknownMessageFallsBackToTheOtherRules() {
        view.live.add(API);
        Update reply = update(message(OWNER, OWNER, "go", message(OWNER, OWNER, "mine", null, 3), 11));
        assertThat(router.route(reply, view)).isEqualTo(new Route.Deliver(API, "go", "only"));
    }

    @Test
    void toCommandAddressesASessionByNameIgnoringCase() {
        view.live.addAll(List.of(API, WEB));
        assertThat(router.route(text(OWNER, OWNER, "/to WEB  fix the   build"), view))
                .isEqualTo(new Route.Deliver(WEB, "fix the   build", "to"));
        assertThat(router.route(text(OWNER, OWNER, "/to@my_bot api hi"), view))
                .isEqualTo(new Route.Deliver(API, "hi", "to"));
    }

    @Test
    void toCommandWithUnknownNameOrNoTextIsAnswered() {
        view.live.add(API);
        assertThat(((Route.Reply) router.route(text(OWNER, OWNER, "/to nope hi"), view)).html())
                .contains("No live session is called <b>nope</b>").contains("<code>api</code>");
        assertThat(((Route.Reply) router.route(text(OWNER, OWNER, "/to"), view)).html()).contains("Usage");
        assertThat(router.route(text(OWNER, OWNER, "/to api"), view)).isEqualTo(new Route.Command("keep", "api"));
    }

    @Test
    void ownersButtonPressIsRoutedAsAPress() {
        Update press = new Update(2, null, null, new CallbackQuery("q", user(OWNER), message(OWNER, 999, "x", null, 9),
                "c", "a:abc"));
        assertThat(router.route(press, view)).isInstanceOf(Route.Press.class);
    }

    @Test
    void photosTakeTheLargestSizeAndFollowTheSameRules() {
        view.live.add(API);
        Message photo = new Message(12, user(OWNER), new Chat(OWNER, "private", null, null, "O"), 0, null, "look",
                List.of(new PhotoSize("small", "u1", 90, 60, 900L), new PhotoSize("big", "u2", 1280, 853, 90_000L)),
                null, null, null);
        Route route = router.route(update(photo), view);
        assertThat(route).isEqualTo(new Route.Deliver(API, "look", "only",
                new Attachment("photo", "big", "photo-12.jpg", 90_000L)));
        view.live.add(WEB);
        assertThat(router.route(update(photo), view)).isInstanceOf(Route.AskWhich.class);
    }

    @Test
    void filesOverTwentyMegabytesAreRefusedWithAReason() {
        view.live.add(API);
        Message doc = new Message(13, user(OWNER), new Chat(OWNER, "private", null, null, "O"), 0, null, null, null,
                new Document("d", "u", "big.zip", "application/zip", 30L * 1024 * 1024), null, null);
        assertThat(((Route.Reply) router.route(update(doc), view)).html()).contains("at most 20 MB");
    }

    @Test
    void lockSendsPlainMessagesToTheLockedSession() {
        view.live.addAll(List.of(API, WEB));
        view.locked = WEB;
        assertThat(router.route(text(OWNER, OWNER, "continue"), view))
                .isEqualTo(new Route.Deliver(WEB, "continue", "lock"));
    }

    @Test
    void otherCommandsArePassedOn() {
        assertThat(router.route(text(OWNER, OWNER, "/Sessions"), view)).isEqualTo(new Route.Command("sessions", ""));
        assertThat(router.route(text(OWNER, OWNER, "/status api"), view)).isEqualTo(new Route.Command("status",
                "api"));
    }

    @Test
    void strangersAreIgnoredWhateverTheySend() {
        view.live.add(API);
        assertThat(router.route(text(555, 555, "hi"), view)).isInstanceOf(Route.Ignore.class);
        assertThat(router.route(text(555, 555, "/sessions"), view)).isInstanceOf(Route.Ignore.class);
        assertThat(router.route(text(555, 555, "/to api rm -rf /"), view)).isInstanceOf(Route.Ignore.class);
        Update edited = new Update(1, null, message(555, 555, "x", null, 1), null);
        assertThat(router.route(edited, view)).isInstanceOf(Route.Ignore.class);
        Update press = new Update(2, null, null, new CallbackQuery("q", user(555), message(555, 999, "x", null, 9),
                "c", "data"));
        assertThat(router.route(press, view)).isInstanceOf(Route.Ignore.class);
        Update pressInOwnerChatByStranger = new Update(3, null, null, new CallbackQuery("q", user(555),
                message(OWNER, 999, "x", null, 9), "c", "a:x"));
        assertThat(router.route(pressInOwnerChatByStranger, view)).isInstanceOf(Route.Ignore.class);
        Update photo = new Update(4, new Message(12, user(555), new Chat(555, "private", null, null, "S"), 0, null, "c",
                List.of(new PhotoSize("f", "u", 10, 10, 5L)), null, null, null), null, null);
        assertThat(router.route(photo, view)).isInstanceOf(Route.Ignore.class);
    }

    @Test
    void groupMessagesNeedAnAllowedUser() {
        long group = -100;
        UpdateRouter groupRouter = new UpdateRouter(group, Set.of(7L));
        view.live.add(API);
        Message fromStranger = new Message(1, user(8), new Chat(group, "supergroup", "team", null, null), 0, "hi", null,
                null, null, null, null);
        Message fromAllowed = new Message(2, user(7), new Chat(group, "supergroup", "team", null, null), 0, "hi", null,
                null, null, null, null);
        assertThat(groupRouter.route(update(fromStranger), view)).isInstanceOf(Route.Ignore.class);
        assertThat(groupRouter.route(update(fromAllowed), view)).isEqualTo(new Route.Deliver(API, "hi", "only"));
        assertThat(new UpdateRouter(group, Set.of()).route(update(fromAllowed), view)).isInstanceOf(Route.Ignore.class);
    }

    @Test
    void aGroupWithoutAllowedUsersIsToldOnceWhyNobodyIsObeyed() {
        long group = -100;
        view.live.add(API);
        Message fromMember = new Message(1, user(8), new Chat(group, "supergroup", "team", null, null), 0, "hi", null,
                null, null, null, null);
        Route.Ignore ignored = (Route.Ignore) new UpdateRouter(group, Set.of()).route(update(fromMember), view);
        assertThat(ignored.notice()).contains("TELEGRAM_ALLOWED_USERS is empty").contains("(8)");
        // With allowed users set, a stranger in the group learns nothing.
        assertThat(((Route.Ignore) new UpdateRouter(group, Set.of(7L)).route(update(fromMember), view)).notice())
                .isNull();
        // Another chat never gets the hint either.
        assertThat(((Route.Ignore) new UpdateRouter(-200, Set.of()).route(update(fromMember), view)).notice())
                .isNull();
    }

    @Test
    void commandsAddressedToAnotherBotAreIgnored() {
        view.live.add(API);
        assertThat(router.route(text(OWNER, OWNER, "/sessions@other_bot"), view)).isInstanceOf(Route.Ignore.class);
        assertThat(router.route(text(OWNER, OWNER, "/to@other_bot api hi"), view)).isInstanceOf(Route.Ignore.class);
        assertThat(router.route(text(OWNER, OWNER, "/sessions@my_bot"), view))
                .isEqualTo(new Route.Command("sessions", ""));
        assertThat(router.route(text(OWNER, OWNER, "/sessions"), view)).isEqualTo(new Route.Command("sessions", ""));
        // Not knowing its own name, the router acts on no addressed command rather than on another bot's.
        assertThat(new UpdateRouter(OWNER, Set.of()).route(text(OWNER, OWNER, "/sessions@my_bot"), view))
                .isInstanceOf(Route.Ignore.class);
    }

    @Test
    void messagesLongerThanTelegramAllowsAreRefusedCountingCharactersNotUtf16Units() {
        view.live.add(API);
        String atLimit = "😀".repeat(4096);
        assertThat(router.route(text(OWNER, OWNER, atLimit), view)).isEqualTo(new Route.Deliver(API, atLimit, "only"));
        assertThat(((Route.Reply) router.route(text(OWNER, OWNER, atLimit + "x"), view)).html())
                .contains("4,097 characters").contains("at most 4,096");
        Message longCaption = new Message(3, user(OWNER), new Chat(OWNER, "private", null, null, "O"), 0, null,
                "é".repeat(1025), List.of(new PhotoSize("f", "u", 10, 10, 5L)), null, null, null);
        assertThat(((Route.Reply) router.route(update(longCaption), view)).html()).contains("1,025 characters");
        Message longName = new Message(4, user(OWNER), new Chat(OWNER, "private", null, null, "O"), 0, null, null, null,
                new io.github.telegrammcp.telegram.api.Document("f", "u", "n".repeat(1025), "text/plain", 3L), null,
                null);
        assertThat(((Route.Reply) router.route(update(longName), view)).html()).contains("name has 1,025 characters");
        Message astralName = new Message(5, user(OWNER), new Chat(OWNER, "private", null, null, "O"), 0, null, null,
                null, new io.github.telegrammcp.telegram.api.Document("f", "u", "🦄".repeat(1024), "text/plain", 3L),
                null, null);
        assertThat(router.route(update(astralName), view)).isInstanceOf(Route.Deliver.class);
    }

    @Test
    void nothingIsAcceptedWithoutAChatId() {
        UpdateRouter unconfigured = new UpdateRouter(0, Set.of());
        view.live.add(API);
        assertThat(unconfigured.route(text(OWNER, OWNER, "hi"), view)).isInstanceOf(Route.Ignore.class);
    }

    // ---- topics --------------------------------------------------------------------------------------------------

    @Test
    void whatTheOwnerWritesInASessionsTopicGoesThereDespiteLockAndSeveralSessions() {
        view.live.addAll(List.of(API, WEB));
        view.locked = API;
        view.topics.put(40L, WEB);
        assertThat(router.route(update(inTopic(OWNER, "private", "ship it", 40, false)), view))
                .isEqualTo(new Route.Deliver(WEB, "ship it", "topic"));
    }

    @Test
    void aTopicWhoseSessionEndedIsAnsweredNotQueued() {
        view.live.add(API);
        view.topics.put(40L, new SessionRef(null, "web", false));
        assertThat(((Route.Reply) router.route(update(inTopic(OWNER, "private", "hello?", 40, false)), view)).html())
                .contains("<b>web</b> of this topic has ended");
    }

    @Test
    void aThreadTheBotDidNotMakeAndTheGeneralTopicKeepTodaysRouting() {
        view.live.addAll(List.of(API, WEB));
        view.topics.put(40L, WEB);
        assertThat(router.route(update(inTopic(OWNER, "private", "hi", 41, false)), view))
                .isEqualTo(new Route.AskWhich(List.of(API, WEB), "hi"));
        // In a supergroup a reply in General carries a thread id without is_topic_message: not a topic.
        UpdateRouter group = new UpdateRouter(-100L, Set.of(OWNER), Optional::empty);
        assertThat(group.route(update(inTopic(-100L, "supergroup", "hi", 40, false)), view))
                .isEqualTo(new Route.AskWhich(List.of(API, WEB), "hi"));
        assertThat(group.route(update(inTopic(-100L, "supergroup", "hi", 40, true)), view))
                .isEqualTo(new Route.Deliver(WEB, "hi", "topic"));
    }

    @Test
    void commandsInATopicNeedNoSessionName() {
        view.live.addAll(List.of(API, WEB));
        view.topics.put(40L, WEB);
        assertThat(router.route(update(inTopic(OWNER, "private", "/status", 40, false)), view))
                .isEqualTo(new Route.Command("status", "web"));
        assertThat(router.route(update(inTopic(OWNER, "private", "/status api", 40, false)), view))
                .isEqualTo(new Route.Command("status", "api"));
        assertThat(router.route(update(inTopic(OWNER, "private", "/file src/Main.java", 40, false)), view))
                .isEqualTo(new Route.Command("file", "web src/Main.java"));
        assertThat(router.route(update(inTopic(OWNER, "private", "/file README.md download", 40, false)), view))
                .isEqualTo(new Route.Command("file", "web README.md download"));
        assertThat(router.route(update(inTopic(OWNER, "private", "/file api pom.xml", 40, false)), view))
                .isEqualTo(new Route.Command("file", "api pom.xml"));
        assertThat(router.route(update(inTopic(OWNER, "private", "/delete", 40, false)), view))
                .isEqualTo(new Route.Command("delete", "web"));
        assertThat(router.route(update(inTopic(OWNER, "private", "/to api hi", 40, false)), view))
                .isEqualTo(new Route.Deliver(API, "hi", "to"));
        // Outside the topic nothing is filled in.
        assertThat(router.route(text(OWNER, OWNER, "/status"), view)).isEqualTo(new Route.Command("status", ""));
    }

    @Test
    void aReplyInATopicToAnotherSessionsMessageGoesToThatSession() {
        view.live.addAll(List.of(API, WEB));
        view.topics.put(40L, WEB);
        view.sent.put(77L, API);
        Message replied = message(OWNER, 999, "[api] which branch?", null, 77);
        Message reply = new Message(80, user(OWNER), new Chat(OWNER, "private", null, null, "O"), 0, "main", null,
                null, null, null, replied, 40L, true);
        assertThat(router.route(update(reply), view)).isEqualTo(new Route.Deliver(API, "main", "reply"));
    }

    static Message inTopic(long chat, String type, String text, long thread, boolean topicMessage) {
        return new Message(90, user(OWNER), new Chat(chat, type, null, null, "O"), 0, text, null, null, null, null,
                null, thread, topicMessage ? Boolean.TRUE : null);
    }

    static Update text(long chat, long from, String text) {
        return update(message(chat, from, text, null, 10));
    }

    static Update update(Message m) {
        return new Update(1, m, null, null);
    }

    static Message message(long chat, long from, String text, Message replyTo, long id) {
        return new Message(id, user(from), new Chat(chat, "private", null, null, "Owner"), 0, text, null, null, null,
                null, replyTo);
    }

    static User user(long id) {
        return new User(id, id == 999, "U" + id, null);
    }

    static final class FakeView implements RoutingView {
        final List<SessionRef> live = new ArrayList<>();
        final Map<Long, SessionRef> sent = new HashMap<>();
        final Map<Long, SessionRef> topics = new HashMap<>();
        SessionRef locked;

        @Override
        public Optional<SessionRef> sessionForTopic(long chatId, long threadId) {
            return Optional.ofNullable(topics.get(threadId));
        }

        @Override
        public Optional<SessionRef> sessionForReply(long chatId, long messageId) {
            return Optional.ofNullable(sent.get(messageId));
        }

        @Override
        public List<SessionRef> liveSessions() {
            return live;
        }

        @Override
        public Optional<SessionRef> liveByName(String name) {
            return live.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
        }

        @Override
        public Optional<SessionRef> lockedSession() {
            return Optional.ofNullable(locked);
        }
    }
}
