package io.github.telegrammcp.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

import io.github.telegrammcp.fake.BotApiTypes.BotCommand;
import io.github.telegrammcp.fake.BotApiTypes.CallbackQuery;
import io.github.telegrammcp.fake.BotApiTypes.Chat;
import io.github.telegrammcp.fake.BotApiTypes.Document;
import io.github.telegrammcp.fake.BotApiTypes.Message;
import io.github.telegrammcp.fake.BotApiTypes.MessageEntity;
import io.github.telegrammcp.fake.BotApiTypes.PhotoSize;
import io.github.telegrammcp.fake.BotApiTypes.Update;
import io.github.telegrammcp.fake.BotApiTypes.User;
import io.github.telegrammcp.fake.BotApiTypes.Voice;

/**
 * A fake Telegram Bot API server on 127.0.0.1 for tests: it answers {@code /bot<token>/<method>} and file downloads
 * like the real server (long polls, 409 on overlapping polls, Telegram's validation errors and limits), lets tests
 * inject what the owner or others send, records what the bot did, and can script failures, delays and outages.
 * <p>
 * Telegram-side state (chats, messages, files, commands, update ids, the confirmed offset) lives as long as the
 * instance, like on the real server; {@link #reset()} clears only what tests record and pending updates.
 */
public final class FakeBotApi implements AutoCloseable {

    /** The token the fake accepts by default. */
    public static final String TOKEN = "123456789:AAFakeTokenForTestsOnly_abcdefghijk";
    /** The owner's private chat; the owner's user id is the same. */
    public static final long OWNER_CHAT_ID = 1001L;
    /** The bot's own user id. */
    public static final long BOT_USER_ID = 999L;
    /** The bot's username. */
    public static final String BOT_USERNAME = "fake_test_bot";

    private static final Logger LOG = Logger.getLogger(FakeBotApi.class.getName());
    private static final Pattern COMMAND = Pattern.compile("^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?");
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String token;
    private final BotState state = new BotState();
    private final ApiHttpHandler handler;
    private HttpServer server;
    private ExecutorService executor;
    private int port;

    /** A fake that accepts {@link #TOKEN}; call {@link #start()}. */
    public FakeBotApi() {
        this(TOKEN);
    }

    /** A fake that accepts the given token; call {@link #start()}. */
    public FakeBotApi(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        this.token = token;
        this.handler = new ApiHttpHandler(state, token);
    }

    // ---- lifecycle -------------------------------------------------------------------------------------------

    /** Starts listening on an ephemeral port of 127.0.0.1 (the same port again after {@link #stop()}). */
    public synchronized FakeBotApi start() {
        if (server != null) {
            return this;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try {
                HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port),
                        0);
                created.createContext("/", handler);
                executor = Executors.newCachedThreadPool(task -> {
                    Thread thread = new Thread(task, "fake-bot-api-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
                created.setExecutor(executor);
                created.start();
                server = created;
                port = created.getAddress().getPort();
                LOG.fine(() -> "fake Bot API listening on 127.0.0.1:" + port);
                return this;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("port " + port + " is still taken", e);
                }
                sleep(Duration.ofMillis(50));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Stops answering, as if the network were down: open connections are closed and held polls dropped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        state.updates.abortHeldPolls();
        server.stop(0);
        executor.shutdownNow();
        server = null;
        executor = null;
        LOG.fine("fake Bot API stopped");
    }

    /** Stops if running, then listens again on the same port; all Telegram-side state is kept. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** The port; 0 before the first start. */
    public synchronized int port() {
        return port;
    }

    /** The base URL, like {@code http://127.0.0.1:PORT}, to use in place of https://api.telegram.org. */
    public synchronized String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String token() {
        return token;
    }

    // ---- fault scripting -------------------------------------------------------------------------------------

    /**
     * Makes the next call of {@code method} fail with this error (queued: call again for more failures). For 429 the
     * description is always {@code Too Many Requests: retry after N} with parameters.retry_after = N (default 1);
     * a null description picks Telegram's usual one for the code.
     */
    public void failNext(String method, int errorCode, String description, Integer retryAfter) {
        state.faults.failNext(method, errorCode, description, retryAfter);
    }

    /** {@link #failNext(String, int, String, Integer)} without retry_after. */
    public void failNext(String method, int errorCode, String description) {
        failNext(method, errorCode, description, null);
    }

    /** Holds the next call of {@code method} this long before handling it (queued). */
    public void delayNext(String method, Duration delay) {
        state.faults.delayNext(method, delay);
    }

    /** Turns Telegram's flood limits on or off (off by default); see {@link FloodGate}. */
    public void enforceFloodLimits(boolean enforce) {
        state.flood.enable(enforce);
    }

    /** Gives the flood limits a nanosecond clock under test control (the fake's own tests). */
    void floodClock(java.util.function.LongSupplier nanoClock) {
        state.flood.clock(nanoClock);
    }

    // ---- injecting what people send --------------------------------------------------------------------------

    /** The owner writes {@code text} in the owner chat. */
    public Message injectOwnerText(String text) {
        return injectText(OWNER_CHAT_ID, OWNER_CHAT_ID, "private", text);
    }

    /**
     * The owner replies to message {@code replyToMessageId} of the owner chat (usually one the bot sent); a reply to a
     * message in a topic is in that topic, as in Telegram.
     */
    public Message injectOwnerReply(int replyToMessageId, String text) {
        Message original = existing(OWNER_CHAT_ID, replyToMessageId);
        return injectMessage(owner(), ownerChat(), b -> b.text(text, commandEntities(text)).replyTo(original)
                .inTopic(Boolean.TRUE.equals(original.isTopicMessage()) ? original.messageThreadId() : null));
    }

    // ---- topics (Bot API 9.3/9.4 private-chat topics, forum supergroups) -------------------------------------

    /** Switches threaded mode for the bot's private chats on or off, as in @BotFather (getMe's has_topics_enabled). */
    public void enablePrivateTopics(boolean enabled) {
        state.topics.privateTopics(enabled);
    }

    /** Makes {@code chatId} (negative) a known forum supergroup, where bots may create topics. */
    public void addForumSupergroup(long chatId) {
        state.chats.known(new Chat(chatId, "supergroup", "Forum " + chatId, null, null, Boolean.TRUE));
    }

    /** The topics of a chat, oldest first, with their current name and state. */
    public List<ForumTopics.Topic> topics(long chatId) {
        return state.topics.all(chatId);
    }

    /** The person deletes a topic in their app: sends into it fail with "message thread not found" from now on. */
    public void deleteTopic(long chatId, int threadId) {
        ForumTopics.Topic topic = state.topics.find(chatId, threadId);
        if (topic == null) {
            throw new IllegalArgumentException("no topic " + threadId + " in chat " + chatId);
        }
        state.topics.replace(new ForumTopics.Topic(chatId, threadId, topic.name(), topic.iconColor(), topic.closed(),
                true));
    }

    /** The owner writes {@code text} in topic {@code threadId} of the owner's private chat. */
    public Message injectOwnerTextInTopic(int threadId, String text) {
        return injectInTopic(owner(), ownerChat(), threadId, b -> b.text(text, commandEntities(text)));
    }

    /** The owner sends a photo in a topic of the owner's private chat. */
    public Message injectOwnerPhotoInTopic(int threadId, byte[] bytes, String caption) {
        List<PhotoSize> sizes = MediaMethods.storePhoto(state.files, bytes);
        return injectInTopic(owner(), ownerChat(), threadId, b -> b.photo(sizes).caption(caption, List.of()));
    }

    /**
     * Someone writes in a topic of a chat. In a forum supergroup Telegram marks a message in a topic that replies to
     * nothing as a reply to the topic's opening message; the fake does the same.
     */
    public Message injectTextInTopic(long chatId, long userId, int threadId, String text) {
        Chat chat;
        try {
            chat = state.chats.require(Long.toString(chatId));
        } catch (BotApiError e) {
            throw new IllegalArgumentException("unknown chat " + chatId, e);
        }
        return injectInTopic(ChatStore.userFor(userId), chat, threadId, b -> b.text(text, commandEntities(text)));
    }

    private Message injectInTopic(User from, Chat chat, int threadId,
            java.util.function.UnaryOperator<MessageBuilder> content) {
        if (state.topics.find(chat.id(), threadId) == null) {
            throw new IllegalArgumentException("no topic " + threadId + " in chat " + chat.id());
        }
        Message opening = "supergroup".equals(chat.type()) ? state.chats.find(chat.id(), threadId) : null;
        return injectMessage(from, chat, b -> content.apply(b).inTopic(threadId).replyTo(opening));
    }

    /** Someone writes in a chat; {@code chatType} is private, group or supergroup. The chat becomes known. */
    public Message injectText(long chatId, long userId, String chatType, String text) {
        User user = ChatStore.userFor(userId);
        Chat chat = state.chats.known("private".equals(chatType)
                ? new Chat(chatId, chatType, null, user.firstName(), user.username())
                : new Chat(chatId, chatType, "Group " + chatId, null, null));
        return injectMessage(user, chat, b -> b.text(text, commandEntities(text)));
    }

    /** A user presses an inline button with {@code data} under message {@code messageId} of the chat. */
    public CallbackQuery injectCallback(long chatId, long userId, int messageId, String data) {
        Message message = existing(chatId, messageId);
        CallbackQuery query = new CallbackQuery(state.openCallback(), ChatStore.userFor(userId), message,
                Long.toString(Math.abs(chatId * 7_919L + 4_242_424_242L)), data);
        state.updates.add(id -> new Update(id, null, null, query));
        return query;
    }

    /** The owner sends a photo; the message has two or three sizes, the original bytes being the last. */
    public Message injectOwnerPhoto(byte[] bytes, String caption) {
        List<PhotoSize> sizes = MediaMethods.storePhoto(state.files, bytes);
        return injectMessage(owner(), ownerChat(), b -> b.photo(sizes).caption(caption, List.of()));
    }

    /** The owner sends a file. */
    public Message injectOwnerDocument(String fileName, String mimeType, byte[] bytes, String caption) {
        Document document = MediaMethods.storeDocument(state.files, fileName, mimeType, bytes, 0);
        return injectMessage(owner(), ownerChat(), b -> b.document(document).caption(caption, List.of()));
    }

    /** The owner sends a file of the declared size without its bytes (served as zeros), e.g. to pass 20 MB. */
    public Message injectOwnerDocument(String fileName, String mimeType, long declaredSize, String caption) {
        Document document = MediaMethods.storeDocument(state.files, fileName, mimeType, null, declaredSize);
        return injectMessage(owner(), ownerChat(), b -> b.document(document).caption(caption, List.of()));
    }

    /** The owner sends a voice note (OGG/Opus in Telegram). */
    public Message injectOwnerVoice(byte[] bytes, int duration) {
        FileStore.StoredFile file = state.files.add("voice", "oga", bytes, 0);
        Voice voice = new Voice(file.fileId(), file.fileUniqueId(), duration, "audio/ogg", file.size());
        return injectMessage(owner(), ownerChat(), b -> b.voice(voice));
    }

    /** The owner edits an earlier text message of theirs; an edited_message update is queued. */
    public Message injectEditedOwnerText(int messageId, String newText) {
        Message old = existing(OWNER_CHAT_ID, messageId);
        if (old.from().isBot()) {
            throw new IllegalArgumentException("message " + messageId + " was sent by the bot, not the owner");
        }
        Message edited = MessageBuilder.from(old).text(newText, commandEntities(newText)).edited()
                .build(old.messageId(), old.date());
        synchronized (state) {
            state.chats.replace(edited);
            state.updates.add(id -> new Update(id, null, edited, null));
        }
        return edited;
    }

    /**
     * Queues an update given as raw JSON, served exactly as written: shapes, types and sizes the typed injections
     * refuse. {@code json} receives the update_id to use; returns it.
     */
    public long injectRawUpdate(java.util.function.LongFunction<String> json) {
        return state.updates.add(id -> {
            try {
                return new Update(id, null, null, null, ApiHttpHandler.JSON.readTree(json.apply(id)));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
            }
        }).updateId();
    }

    /** Registers a file with only a declared size (for the 20 MB getFile limit); returns its file_id. */
    public String registerFile(long declaredSize) {
        return state.files.add("documents", "bin", null, declaredSize).fileId();
    }

    /** Registers a file with content, as if someone had sent it earlier; returns its file_id. */
    public String registerFile(String fileName, byte[] bytes) {
        return state.files.add("documents", FileStore.extensionOf(fileName), bytes, 0).fileId();
    }

    // ---- recorded state --------------------------------------------------------------------------------------

    /** Every method call received with the right token, oldest first. */
    public List<RecordedCall> calls() {
        return state.recorder.calls();
    }

    /** The calls of one method (canonical name such as {@code sendMessage}). */
    public List<RecordedCall> calls(String method) {
        return calls().stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
    }

    /** Messages the bot sent successfully, oldest first. */
    public List<SentMessage> sentMessages() {
        return state.recorder.sent();
    }

    /** Waits for a sent message (already sent ones count) matching {@code match}; AssertionError on timeout. */
    public SentMessage awaitSentMessage(Predicate<SentMessage> match, Duration timeout) {
        return state.recorder.await(state.recorder::sent, match, timeout, "sent message");
    }

    /** Waits for a successful edit matching {@code match}; AssertionError on timeout. */
    public MessageEdit awaitEdit(Predicate<MessageEdit> match, Duration timeout) {
        return state.recorder.await(state.recorder::edits, match, timeout, "edit");
    }

    /** Waits for a received call matching {@code match}; AssertionError on timeout. */
    public RecordedCall awaitCall(Predicate<RecordedCall> match, Duration timeout) {
        return state.recorder.await(state.recorder::calls, match, timeout, "call");
    }

    /** Waits until a getUpdates request is being held (the bot is polling); AssertionError on timeout. */
    public void awaitPollHeld(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!state.updates.isHolding()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No getUpdates was held within " + timeout);
            }
            sleep(Duration.ofMillis(5));
        }
    }

    /** Command names of the last setMyCommands (empty after deleteMyCommands); not cleared by reset(). */
    public List<String> commandsSet() {
        return BotState.names(state.commands());
    }

    /** Commands of the last setMyCommands, with descriptions. */
    public List<BotCommand> commands() {
        return state.commands();
    }

    /** The scope JSON of the last setMyCommands or deleteMyCommands, or null for the default scope. */
    public String commandScope() {
        return state.commandScope();
    }

    public List<AnsweredCallback> answeredCallbacks() {
        return state.recorder.answers();
    }

    public List<MessageEdit> edits() {
        return state.recorder.edits();
    }

    /** The file paths downloaded from /file/bot&lt;token&gt;/. */
    public List<String> downloads() {
        return state.recorder.downloads();
    }

    /** The current state of a message in a chat (after edits), or null. */
    public Message message(long chatId, int messageId) {
        return state.chats.find(chatId, messageId);
    }

    /** Updates not yet confirmed by an offset. */
    public List<Update> pendingUpdates() {
        return state.updates.pending();
    }

    /** How many getUpdates requests were overtaken by a newer one and answered 409. */
    public int overlapCount() {
        return state.updates.overlaps();
    }

    /** How many getUpdates requests arrived. */
    public int getUpdatesCount() {
        return handler.getUpdatesCalls();
    }

    /** The highest offset a getUpdates confirmed (0 before any); updates below it are forgotten. */
    public long confirmedOffset() {
        return state.updates.confirmedOffset();
    }

    /** Clears recordings, counters, scripted faults, flood state and pending updates (between tests). */
    public void reset() {
        state.recorder.clear();
        state.faults.clear();
        state.flood.clear();
        state.updates.clearPending();
        state.updates.resetCounters();
        handler.resetCounters();
    }

    /**
     * Continues the history of an earlier fake whose bot sent {@code botMessages} (id to text) in the owner chat, as
     * the real Bot API does after a restart of the program: the owner can reply to those messages and press their
     * buttons ({@link #injectCallback}), and new updates and messages get ids above {@code lastUpdateId} and
     * {@code lastMessageId}.
     */
    public void resume(long lastUpdateId, int lastMessageId, Map<Integer, String> botMessages) {
        Chat chat = ownerChat();
        botMessages.forEach((id, text) -> state.chats.recall(chat.id(), id,
                messageId -> new MessageBuilder(state.bot, chat).text(text, List.of()), lastMessageId + 1));
        state.chats.recall(chat.id(), lastMessageId, messageId -> new MessageBuilder(state.bot, chat)
                .text("(earlier history)", List.of()), lastMessageId + 1);
        state.updates.continueFrom(lastUpdateId + 1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private Message injectMessage(User from, Chat chat, java.util.function.UnaryOperator<MessageBuilder> content) {
        // one lock, so concurrent injections get message ids and update ids in the same order
        synchronized (state) {
            Message message = state.chats.append(chat.id(), id -> content.apply(new MessageBuilder(from, chat)));
            state.updates.add(id -> new Update(id, message, null, null));
            return message;
        }
    }

    private Message existing(long chatId, int messageId) {
        Message message = state.chats.find(chatId, messageId);
        if (message == null) {
            throw new IllegalArgumentException("no message " + messageId + " in chat " + chatId);
        }
        return message;
    }

    private static User owner() {
        return ChatStore.userFor(OWNER_CHAT_ID);
    }

    private Chat ownerChat() {
        try {
            return state.chats.require(Long.toString(OWNER_CHAT_ID));
        } catch (BotApiError e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<MessageEntity> commandEntities(String text) {
        Matcher matcher = text == null ? null : COMMAND.matcher(text);
        if (matcher == null || !matcher.find()) {
            return List.of();
        }
        return List.of(new MessageEntity("bot_command", 0, matcher.end(), null, null, null));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
