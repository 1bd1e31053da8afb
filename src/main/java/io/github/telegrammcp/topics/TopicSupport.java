package io.github.telegrammcp.topics;

import java.time.Duration;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.Chat;
import io.github.telegrammcp.telegram.api.User;
import io.smallrye.mutiny.Uni;

/**
 * Whether the owner's chat has topics: for a private chat getMe's {@code has_topics_enabled} (threaded mode in
 * @BotFather, Bot API 9.3), for a group getChat's {@code is_forum}. Asked once per process; a failed question is asked
 * again at most once a minute.
 */
final class TopicSupport {

    private static final Logger LOG = Logger.getLogger(TopicSupport.class);
    static final long RETRY_MILLIS = 60_000;
    /** The longest the start-up question may take. */
    static final Duration ASK_AT_MOST = Duration.ofSeconds(30);

    private final TelegramClient client;
    private final long chatId;
    private Boolean answer;
    private long failedAt;

    TopicSupport(TelegramClient client, long chatId) {
        this.client = client;
        this.chatId = chatId;
    }

    /**
     * True when sessions should get topics in this mode; empty while Telegram cannot be asked. The question to Telegram
     * is asked outside the lock: its answer is completed on the event loop, where {@link #checkLater} takes the same
     * lock, so holding it across the call would block the event loop until the call timed out (seen: 114 s, and every
     * tool call of the session waited with it).
     */
    Optional<Boolean> check(TopicMode mode) {
        synchronized (this) {
            if (answer != null) {
                return Optional.of(answer || mode == TopicMode.ON);
            }
            if (askedRecently()) {
                return Optional.empty();
            }
        }
        boolean has;
        try {
            has = ask();
        } catch (TelegramApiException e) {
            synchronized (this) {
                failed(e);
            }
            return Optional.empty();
        }
        synchronized (this) {
            if (answer == null) {
                learned(has, mode);
            }
            return Optional.of(answer || mode == TopicMode.ON);
        }
    }

    /**
     * {@link #check} without holding a thread: the question waits on the event loop (one attempt, at most
     * {@link #ASK_AT_MOST}), so that a process told to exit right after start-up never waits for it.
     */
    Uni<Optional<Boolean>> checkLater(TopicMode mode) {
        synchronized (this) {
            if (answer != null) {
                return Uni.createFrom().item(Optional.of(answer || mode == TopicMode.ON));
            }
            if (askedRecently()) {
                return Uni.createFrom().item(Optional.empty());
            }
        }
        Uni<Boolean> asked = chatId > 0
                ? client.getMeLater(false, ASK_AT_MOST).map(me -> me != null && Boolean.TRUE.equals(me.hasTopicsEnabled()))
                : client.getChatLater(chatId, ASK_AT_MOST).map(chat -> chat != null && chat.forum());
        return asked.map(has -> {
            synchronized (this) {
                if (answer == null) {
                    learned(has, mode);
                }
                return Optional.of(answer || mode == TopicMode.ON);
            }
        }).onFailure(TelegramApiException.class).recoverWithItem(e -> {
            synchronized (this) {
                failed((TelegramApiException) e);
            }
            return Optional.empty();
        });
    }

    private boolean askedRecently() {
        return failedAt != 0 && System.currentTimeMillis() - failedAt < RETRY_MILLIS;
    }

    private void failed(TelegramApiException e) {
        failedAt = System.currentTimeMillis();
        LOG.infof("Could not ask Telegram whether the chat has topics (%s); asking again later", e.getMessage());
    }

    private void learned(boolean has, TopicMode mode) {
        answer = has;
        if (!has) {
            LOG.info(chatId > 0 ? "The bot's private chats have no topics (threaded mode is off in @BotFather)"
                    + (mode == TopicMode.ON ? "; TELEGRAM_TOPICS=on tries anyway" : "; sessions write in the main chat")
                    : "TELEGRAM_CHAT_ID is not a forum supergroup" + (mode == TopicMode.ON
                            ? "; TELEGRAM_TOPICS=on tries anyway" : "; sessions write in the main chat"));
        }
    }

    private boolean ask() {
        if (chatId > 0) {
            // One attempt: a failure is asked again later (RETRY_MILLIS), so retries here would only delay the caller.
            User me = client.getMeOnce();
            return me != null && Boolean.TRUE.equals(me.hasTopicsEnabled());
        }
        Chat chat = client.getChat(chatId);
        return chat != null && chat.forum();
    }
}
