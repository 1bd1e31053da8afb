package io.github.telegrammcp.telegram;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.BotToken;
import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.telegram.api.AnswerCallbackQuery;
import io.github.telegrammcp.telegram.api.ApiResponse;
import io.github.telegrammcp.telegram.api.BotApi;
import io.github.telegrammcp.telegram.api.Chat;
import io.github.telegrammcp.telegram.api.CreateForumTopic;
import io.github.telegrammcp.telegram.api.EditMessageText;
import io.github.telegrammcp.telegram.api.ForumTopic;
import io.github.telegrammcp.telegram.api.GetChat;
import io.github.telegrammcp.telegram.api.GetFile;
import io.github.telegrammcp.telegram.api.GetUpdates;
import io.github.telegrammcp.telegram.api.Message;
import io.github.telegrammcp.telegram.api.SendMessage;
import io.github.telegrammcp.telegram.api.SetMyCommands;
import io.github.telegrammcp.telegram.api.TelegramFile;
import io.github.telegrammcp.telegram.api.TopicThread;
import io.github.telegrammcp.telegram.api.User;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Calls the Bot API with retries that never duplicate a message: 429 waits {@code retry_after}, 5xx and refused
 * connections back off and retry, a read timeout on a send is not retried (the message may have arrived). Every error
 * is a {@link TelegramApiException} whose text has no token and no URL.
 */
@ApplicationScoped
public class TelegramClient {

    private static final Logger LOG = Logger.getLogger(TelegramClient.class);

    /** Longest single wait this client accepts from a 429 before giving up on a call. */
    static final int MAX_RETRY_AFTER_SECONDS = 120;
    static final int MAX_ATTEMPTS = 5;
    static final Duration UPLOAD_READ_TIMEOUT = Duration.ofMinutes(5);

    private final Settings settings;
    private final OutboundPacer pacer;
    private volatile BotApi sendApi;
    private volatile BotApi pollApi;
    private volatile BotApi uploadApi;
    private volatile int pollApiTimeout = -1;
    private HttpClient downloadClient;
    private volatile String botUsername;

    @Inject
    public TelegramClient(Settings settings, OutboundPacer pacer) {
        this.settings = settings;
        this.pacer = pacer;
    }

    /** Sends a message to a chat, paced to Telegram's limits. */
    public Message sendMessage(SendMessage request) {
        // Paced on every attempt: a retry after 429 must queue behind the sends of the other processes.
        return call("sendMessage", false, api -> {
            pacer.acquire(request.chatId());
            return api.sendMessage(request);
        });
    }

    /**
     * Uploads a photo with an optional caption ({@code parseMode} HTML, or null for plain text), paced like a message.
     * Never retried after the upload may have reached Telegram, so a photo is never sent twice.
     */
    public Message sendPhoto(long chatId, OutboundFile photo, String caption, String parseMode) {
        return sendPhoto(chatId, null, photo, caption, parseMode);
    }

    /** {@link #sendPhoto(long, OutboundFile, String, String)} in a topic ({@code threadId} null: the main chat). */
    public Message sendPhoto(long chatId, Long threadId, OutboundFile photo, String caption, String parseMode) {
        pacer.acquire(chatId);
        return call("sendPhoto", false, this::uploadApi,
                api -> api.sendPhoto(MultipartForms.upload(chatId, threadId, "photo", photo, caption, parseMode)));
    }

    /** Uploads a file as a document; same rules as {@link #sendPhoto}. */
    public Message sendDocument(long chatId, OutboundFile document, String caption, String parseMode) {
        return sendDocument(chatId, null, document, caption, parseMode);
    }

    /** {@link #sendDocument(long, OutboundFile, String, String)} in a topic ({@code threadId} null: the main chat). */
    public Message sendDocument(long chatId, Long threadId, OutboundFile document, String caption, String parseMode) {
        pacer.acquire(chatId);
        return call("sendDocument", false, this::uploadApi, api -> api.sendDocument(
                MultipartForms.upload(chatId, threadId, "document", document, caption, parseMode)));
    }

    /**
     * Creates a topic in a forum supergroup or (Bot API 9.4) a private chat with topics. Not retried after it may
     * have reached Telegram, so that a topic is never made twice.
     */
    public ForumTopic createForumTopic(CreateForumTopic request) {
        return call("createForumTopic", false, api -> api.createForumTopic(request));
    }

    /** Closes a topic: nobody but admins can write in it until it is reopened. */
    public void closeForumTopic(TopicThread request) {
        call("closeForumTopic", true, api -> api.closeForumTopic(request));
    }

    /** Reopens a closed topic. */
    public void reopenForumTopic(TopicThread request) {
        call("reopenForumTopic", true, api -> api.reopenForumTopic(request));
    }

    /** A chat's details; for a supergroup, whether it is a forum. */
    public Chat getChat(long chatId) {
        return call("getChat", true, api -> api.getChat(new GetChat(chatId)));
    }

    /**
     * Long-polls for updates without holding a thread; not retried here (the poller owns that loop). The client's read
     * timeout is 15 s longer than {@code timeoutSeconds}, so Telegram always answers first. Each update is read on its
     * own ({@link ReceivedUpdate}), so one that cannot be read holds up no other.
     */
    public Uni<List<ReceivedUpdate>> getUpdates(long offset, int timeoutSeconds) {
        return Uni.createFrom().deferred(() -> pollApi(timeoutSeconds).getUpdates(new GetUpdates(offset, 100,
                timeoutSeconds, List.of("message", "edited_message", "callback_query"))))
                .onItem().transform(response -> ReceivedUpdate.read(unwrap(response)))
                .onFailure(e -> !(e instanceof TelegramApiException)).transform(e -> translate(asRuntime(e), false));
    }

    private static RuntimeException asRuntime(Throwable e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }

    /** Checks the token; remembers the bot's username. */
    public User getMe() {
        User me = call("getMe", true, BotApi::getMe);
        if (me != null && me.username() != null) {
            botUsername = me.username();
        }
        return me;
    }

    /**
     * Checks the token with a single attempt: for a tool that only wants to know whether Telegram rejects the token, a
     * network failure is an answer too, and retrying it would delay the tool (a wait would outlast its max_wait).
     */
    public User getMeOnce() {
        User me = call("getMe", true, this::sendApi, BotApi::getMe, 1);
        if (me != null && me.username() != null) {
            botUsername = me.username();
        }
        return me;
    }

    /**
     * getMe without holding a thread: the call waits on Vert.x's event loop, so an exit never waits for it. Retried like
     * {@link #getMe()} when {@code retried}, as one attempt otherwise; the whole call ends after {@code atMost}.
     */
    public Uni<User> getMeLater(boolean retried, Duration atMost) {
        return later("getMe", retried, atMost, api -> api.getMeLater()).invoke(me -> {
            if (me != null && me.username() != null) {
                botUsername = me.username();
            }
        });
    }

    /** {@link #getChat(long)} without holding a thread, one attempt, ending after {@code atMost}. */
    public Uni<Chat> getChatLater(long chatId, Duration atMost) {
        return later("getChat", false, atMost, api -> api.getChatLater(new GetChat(chatId)));
    }

    /** {@link #setMyCommands} without holding a thread, retried like it, ending after {@code atMost}. */
    public Uni<Boolean> setMyCommandsLater(SetMyCommands request, Duration atMost) {
        return later("setMyCommands", true, atMost, api -> api.setMyCommandsLater(request));
    }

    /**
     * An idempotent call on the event loop: with {@code retried}, a failure that {@link #retryDelayMillis} would retry
     * is tried again after that delay (a Mutiny timer, no thread waits), up to {@link #MAX_ATTEMPTS} in all.
     */
    private <T> Uni<T> later(String method, boolean retried, Duration atMost,
            Function<BotApi, Uni<ApiResponse<T>>> request) {
        int[] attempt = { 0 };
        Uni<T> once = Uni.createFrom().deferred(() -> {
            attempt[0]++;
            return request.apply(sendApi());
        }).map(TelegramClient::unwrap).onFailure().transform(e -> translate(asRuntime(e), false));
        Uni<T> all = !retried ? once : once.onFailure().call(e -> {
            long wait = nextDelay(e, attempt[0]);
            if (wait < 0) {
                return Uni.createFrom().voidItem();
            }
            LOG.warnf("Telegram %s failed (%s); retry %d/%d in %d ms", method, e.getMessage(), attempt[0],
                    MAX_ATTEMPTS - 1, wait);
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(wait));
        }).onFailure(e -> nextDelay(e, attempt[0]) >= 0).retry().indefinitely();
        return all.ifNoItem().after(atMost).failWith(() -> TelegramApiException.network("timed out", false));
    }

    private static long nextDelay(Throwable failure, int attempt) {
        return attempt < MAX_ATTEMPTS && failure instanceof TelegramApiException e ? retryDelayMillis(e, attempt, true)
                : -1;
    }

    /** This bot's username (without @), once a getMe has answered; empty before. Never calls Telegram. */
    public Optional<String> botUsername() {
        return Optional.ofNullable(botUsername);
    }

    /** Edits a message's text and buttons. */
    public void editMessageText(EditMessageText request) {
        call("editMessageText", true, api -> api.editMessageText(request));
    }

    /** Answers a button press so that the client stops its spinner. */
    public void answerCallbackQuery(AnswerCallbackQuery request) {
        call("answerCallbackQuery", true, api -> api.answerCallbackQuery(request));
    }

    /** Asks where a file the owner sent can be downloaded. */
    public TelegramFile getFile(String fileId) {
        return call("getFile", true, api -> api.getFile(new GetFile(fileId)));
    }

    /** Downloads a file (a path from {@link #getFile}) to {@code target}; the token stays out of every error. */
    public void download(String filePath, Path target) {
        URI uri = fileBaseUri().resolve(filePath);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build();
        try {
            HttpResponse<Path> response = downloads().send(request, HttpResponse.BodyHandlers.ofFile(target));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(target);
                throw new TelegramApiException(response.statusCode(), "file download failed", null, false);
            }
        } catch (IOException e) {
            throw TelegramApiException.network(redact(String.valueOf(e.getMessage())), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TelegramApiException.network("interrupted", false);
        }
    }

    private synchronized HttpClient downloads() {
        if (downloadClient == null) {
            downloadClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return downloadClient;
    }

    /** Registers the command menu. */
    public void setMyCommands(SetMyCommands request) {
        call("setMyCommands", true, api -> api.setMyCommands(request));
    }

    /** Base URI for file downloads, {@code {api}/file/bot{token}/}; never log it. */
    public URI fileBaseUri() {
        return URI.create(settings.apiUrl() + "/file/bot" + token().reveal() + "/");
    }

    /** Masks the token in any text. */
    public String redact(String text) {
        return settings.token().map(t -> t.redact(text)).orElse(text);
    }

    /** Aborts a long poll in flight (shutdown): closes the polling connection. */
    public synchronized void closePolling() {
        if (pollApi instanceof java.io.Closeable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debugf("Closing the polling client: %s", e.getMessage());
            }
        }
        pollApi = null;
    }

    <T> T call(String method, boolean idempotent, Function<BotApi, ApiResponse<T>> request) {
        return call(method, idempotent, this::sendApi, request);
    }

    private <T> T call(String method, boolean idempotent, Supplier<BotApi> client,
            Function<BotApi, ApiResponse<T>> request) {
        return call(method, idempotent, client, request, MAX_ATTEMPTS);
    }

    private <T> T call(String method, boolean idempotent, Supplier<BotApi> client,
            Function<BotApi, ApiResponse<T>> request, int maxAttempts) {
        TelegramApiException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            try {
                return unwrap(request.apply(client.get()));
            } catch (RuntimeException e) {
                TelegramApiException error = translate(e, !idempotent);
                last = error;
                long waitMillis = retryDelayMillis(error, attempt, idempotent);
                if (waitMillis < 0 || attempt == maxAttempts) {
                    throw error;
                }
                LOG.warnf("Telegram %s failed (%s); retry %d/%d in %d ms", method, error.getMessage(), attempt,
                        maxAttempts - 1, waitMillis);
                sleep(waitMillis);
            }
        }
        throw last;
    }

    /** How long to wait before the next attempt, or -1 when the failure must not be retried. */
    static long retryDelayMillis(TelegramApiException error, int attempt, boolean idempotent) {
        if (error.isRateLimited()) {
            int seconds = error.retryAfter() == null ? 1 : error.retryAfter();
            return seconds > MAX_RETRY_AFTER_SECONDS ? -1 : seconds * 1000L + 100;
        }
        if (error.isServerError() || error.isNetwork() && (!error.maybeDelivered() || idempotent)) {
            return Math.min(8000L, 500L << (attempt - 1));
        }
        return -1;
    }

    private static <T> T unwrap(ApiResponse<T> response) {
        if (response == null) {
            throw TelegramApiException.network("empty answer", false);
        }
        if (!response.ok()) {
            Integer retry = response.parameters() == null ? null : response.parameters().retryAfter();
            throw new TelegramApiException(response.errorCode() == null ? 400 : response.errorCode(),
                    response.description(), retry, false);
        }
        return response.result();
    }

    private TelegramApiException translate(RuntimeException e, boolean sendIsAmbiguous) {
        if (e instanceof TelegramApiException telegram) {
            return telegram;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof TelegramApiException telegram) {
                return telegram;
            }
        }
        boolean notSent = root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof UnresolvedAddressException;
        String reason = redact(String.valueOf(root.getMessage()));
        // Strip anything that looks like a request line: it would carry the token's path.
        reason = reason.replaceAll("(?i)(GET|POST) \\S+", "$1 <request>");
        if (root.getClass().getSimpleName().contains("Timeout")) {
            reason = "timed out";
        } else if (notSent) {
            reason = "connection failed: " + reason;
        }
        return TelegramApiException.network(reason, !notSent && sendIsAmbiguous);
    }

    private BotToken token() {
        return settings.token().orElseThrow(() -> new IllegalStateException("no bot token configured"));
    }

    private BotApi sendApi() {
        BotApi api = sendApi;
        if (api == null) {
            synchronized (this) {
                if (sendApi == null) {
                    sendApi = build(Duration.ofSeconds(30));
                }
                api = sendApi;
            }
        }
        return api;
    }

    private BotApi uploadApi() {
        BotApi api = uploadApi;
        if (api == null) {
            synchronized (this) {
                if (uploadApi == null) {
                    // 50 MB over a slow uplink takes minutes; Telegram answers only once the upload is complete.
                    uploadApi = build(UPLOAD_READ_TIMEOUT);
                }
                api = uploadApi;
            }
        }
        return api;
    }

    private synchronized BotApi pollApi(int timeoutSeconds) {
        if (pollApi == null || pollApiTimeout != timeoutSeconds) {
            pollApi = build(Duration.ofSeconds(timeoutSeconds + 15L));
            pollApiTimeout = timeoutSeconds;
        }
        return pollApi;
    }

    private BotApi build(Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(settings.apiUrl() + "/bot" + token().reveal() + "/"))
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(BotApi.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TelegramApiException.network("interrupted", false);
        }
    }
}
