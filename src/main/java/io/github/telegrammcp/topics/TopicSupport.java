package io.github.telegrammcp.topics;

import java.util.Optional;

import org.jboss.logging.Logger;

import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.Chat;
import io.github.telegrammcp.telegram.api.User;

/**
 * Whether the owner's chat has topics: for a private chat getMe's {@code has_topics_enabled} (threaded mode in
 * @BotFather, Bot API 9.3), for a group getChat's {@code is_forum}. Asked once per process; a failed question is asked
 * again at most once a minute.
 */
final class TopicSupport {

    private static final Logger LOG = Logger.getLogger(TopicSupport.class);
    static final long RETRY_MILLIS = 60_000;

    private final TelegramClient client;
    private final long chatId;
    private Boolean answer;
    private long failedAt;

    TopicSupport(TelegramClient client, long chatId) {
        this.client = client;
        this.chatId = chatId;
    }

    /** True when sessions should get topics in this mode; empty while Telegram cannot be asked. */
    synchronized Optional<Boolean> check(TopicMode mode) {
        if (answer == null) {
            if (failedAt != 0 && System.currentTimeMillis() - failedAt < RETRY_MILLIS) {
                return Optional.empty();
            }
            try {
                answer = ask();
            } catch (TelegramApiException e) {
                failedAt = System.currentTimeMillis();
                LOG.infof("Could not ask Telegram whether the chat has topics (%s); asking again later",
                        e.getMessage());
                return Optional.empty();
            }
            if (!answer) {
                LOG.info(chatId > 0 ? "The bot's private chats have no topics (threaded mode is off in @BotFather)"
                        + (mode == TopicMode.ON ? "; TELEGRAM_TOPICS=on tries anyway" : "; sessions write in the main chat")
                        : "TELEGRAM_CHAT_ID is not a forum supergroup" + (mode == TopicMode.ON
                                ? "; TELEGRAM_TOPICS=on tries anyway" : "; sessions write in the main chat"));
            }
        }
        return Optional.of(answer || mode == TopicMode.ON);
    }

    private boolean ask() {
        if (chatId > 0) {
            // One attempt: this runs on a worker thread right after start-up, and a process told to exit waits for
            // it; a failure is asked again later (RETRY_MILLIS), so retries here would only delay that exit.
            User me = client.getMeOnce();
            return me != null && Boolean.TRUE.equals(me.hasTopicsEnabled());
        }
        Chat chat = client.getChat(chatId);
        return chat != null && chat.forum();
    }
}
