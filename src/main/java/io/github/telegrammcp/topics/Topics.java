package io.github.telegrammcp.topics;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.TelegramConfig;
import io.github.telegrammcp.session.Readiness;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.github.telegrammcp.telegram.TelegramClient;
import io.github.telegrammcp.telegram.api.CreateForumTopic;
import io.github.telegrammcp.telegram.api.ForumTopic;
import io.github.telegrammcp.telegram.api.SendMessage;
import io.github.telegrammcp.telegram.api.TopicThread;
import io.github.telegrammcp.telegram.render.Html;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * A topic per session in the owner's chat ({@code TELEGRAM_TOPICS}). This process makes its own session's topic (or
 * takes back the one its name had in this directory), tells senders which thread a session posts in, and, when
 * Telegram refuses a thread, moves the session to the main chat for good with one log line.
 */
@ApplicationScoped
public class Topics {

    private static final Logger LOG = Logger.getLogger(Topics.class);

    private final Settings settings;
    private final TelegramClient client;
    private final SessionRegistry registry;
    private final Readiness readiness;
    private final TopicSupport support;
    private final TopicMode mode;
    private boolean currentDone;
    private volatile Cancellable setUp;
    /** False once Telegram said the chat has no topics (and the mode is auto): sends skip the store then. */
    private volatile boolean chatMayHaveTopics = true;

    public Topics(Settings settings, TelegramConfig config, TelegramClient client, SessionRegistry registry,
            Readiness readiness) {
        this.settings = settings;
        this.client = client;
        this.registry = registry;
        this.readiness = readiness;
        TopicMode.Parsed parsed = TopicMode.parse(config.topics());
        if (parsed.problem() != null) {
            LOG.warn(parsed.problem());
        }
        this.mode = parsed.mode();
        this.support = new TopicSupport(client, settings.ownerChatId().orElse(0L));
    }

    /**
     * Once start-up has registered the session, makes its topic, so it is ready before the owner looks for it (the first
     * send would wait for it otherwise). Start-up ({@code Lifecycle}) does not wait for Telegram, and neither does an
     * exit: the question whether the chat has topics waits on the event loop (an exit cancels it), and only once
     * Telegram has answered does the topic's own set-up (store and Telegram calls, blocking) run on a worker thread.
     */
    void onStart(@Observes StartupEvent event) {
        if (active()) {
            setUp = readiness.started().chain(() -> support.checkLater(mode))
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(supported -> supported.ifPresent(answered -> ensureCurrent()),
                            e -> LOG.warnf("Could not set up this session's topic: %s",
                                    client.redact(String.valueOf(e.getMessage()))));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        Cancellable pending = setUp;
        if (pending != null) {
            pending.cancel();
        }
    }

    /** True unless {@code TELEGRAM_TOPICS=off} or the bot is not configured: messages in topics are routed by topic. */
    public boolean active() {
        return mode != TopicMode.OFF && settings.usable();
    }

    /**
     * The thread a session's messages go to, or empty for the main chat. For this process's own session the topic is
     * made first if it does not exist yet.
     */
    public Optional<Long> threadFor(String sessionId) {
        if (!active() || sessionId == null) {
            return Optional.empty();
        }
        if (registry.currentId().filter(sessionId::equals).isPresent()) {
            ensureCurrent();
        }
        if (!chatMayHaveTopics) {
            return Optional.empty();
        }
        return inTransaction(() -> SessionTopic.forSession(chatId(), sessionId)).filter(SessionTopic::usable)
                .map(t -> t.threadId);
    }

    /**
     * Makes sure this process's session has its topic: takes back the open one its name had in this directory,
     * reopens a closed one, or creates one. Does nothing when topics are off or the chat has none. Never throws.
     */
    public synchronized void ensureCurrent() {
        if (currentDone || !active() || registry.currentId().isEmpty()) {
            return;
        }
        Optional<Boolean> supported = support.check(mode);
        if (supported.isEmpty()) {
            return; // Telegram could not be asked; the next send asks again (at most once a minute)
        }
        currentDone = true;
        if (!supported.get()) {
            chatMayHaveTopics = false;
            return;
        }
        String name = registry.currentName();
        String dir = registry.projectDirectory().toString();
        try {
            Optional<SessionTopic> existing = inTransaction(() -> SessionTopic.latest(chatId(), name, dir));
            if (existing.isPresent() && takeBack(existing.get(), name, dir)) {
                return;
            }
            create(name, dir);
        } catch (RuntimeException e) {
            LOG.warnf("Could not set up the topic of session %s (its messages go to the main chat): %s", name,
                    client.redact(String.valueOf(e.getMessage())));
        }
    }

    /** Reuses a topic of an earlier session with this name in this directory; false when it cannot be used. */
    private boolean takeBack(SessionTopic topic, String name, String dir) {
        if (topic.threadId == null || SessionTopic.REFUSED.equals(topic.state)) {
            return false;
        }
        if (SessionTopic.CLOSED.equals(topic.state)) {
            try {
                client.reopenForumTopic(new TopicThread(chatId(), topic.threadId));
            } catch (TelegramApiException e) {
                LOG.infof("Could not reopen topic %d of session %s (%s); making a new one", topic.threadId, name,
                        e.description());
                inTransaction(() -> SessionTopic.changeState(topic.id, SessionTopic.CLOSED, SessionTopic.REFUSED,
                        e.getMessage()));
                return false;
            }
            inTransaction(() -> SessionTopic.changeState(topic.id, SessionTopic.CLOSED, SessionTopic.OPEN, null));
        }
        String html = "🔄 <b>[" + Html.escape(name) + "]</b> started again in <code>" + Html.escape(dir)
                + "</code>. What you write in this topic goes to it.";
        if (!announce(topic.id, topic.threadId, name, html)) {
            return false;
        }
        LOG.infof("Session %s took back its topic %d", name, topic.threadId);
        return true;
    }

    private void create(String name, String dir) {
        ForumTopic topic;
        try {
            topic = client.createForumTopic(new CreateForumTopic(chatId(), name));
        } catch (TelegramApiException e) {
            LOG.warnf("Telegram would not create a topic for session %s (%s); its messages go to the main chat",
                    name, e.getMessage());
            if (!e.isNetwork()) {
                inTransaction(() -> SessionTopic.record(chatId(), name, dir, null, SessionTopic.REFUSED,
                        e.getMessage()));
            }
            return;
        }
        long id = inTransaction(() -> SessionTopic.record(chatId(), name, dir, topic.messageThreadId(),
                SessionTopic.OPEN, null));
        LOG.infof("Session %s has topic %d", name, topic.messageThreadId());
        announce(id, topic.messageThreadId(), name, "🧵 <b>[" + Html.escape(name) + "]</b> works in <code>"
                + Html.escape(dir) + "</code>. What you write in this topic (text, photos, files, replies, /status,"
                + " /file &lt;path&gt;) goes to this session.");
    }

    /** Posts in the topic; false (and the topic refused) when Telegram refuses the thread. */
    private boolean announce(long topicId, long threadId, String name, String html) {
        try {
            client.sendMessage(SendMessage.html(chatId(), html).inThread(threadId));
            return true;
        } catch (TelegramApiException e) {
            if (!e.refusesThread()) {
                LOG.warnf("Could not post in the topic of session %s: %s", name, e.getMessage());
                return true;
            }
            markRefused(topicId, threadId, name, e);
            return false;
        }
    }

    /**
     * Telegram refused {@code threadId} for a message of this session: from now on the session writes in the main
     * chat. Logs once, whichever process notices first.
     */
    public void refused(String sessionId, long threadId, TelegramApiException why) {
        try {
            inTransaction(() -> SessionTopic.byThread(chatId(), threadId)).ifPresent(topic -> markRefused(topic.id,
                    threadId, topic.sessionName, why));
        } catch (RuntimeException e) {
            LOG.warnf("Could not record that Telegram refused topic %d: %s", threadId, e.getMessage());
        }
    }

    private void markRefused(long topicId, long threadId, String name, TelegramApiException why) {
        if (inTransaction(() -> SessionTopic.changeState(topicId, SessionTopic.OPEN, SessionTopic.REFUSED,
                why.getMessage()))) {
            LOG.warnf("Telegram refused topic %d of session %s (%s); the session writes in the main chat from now on",
                    threadId, name, why.description());
        }
    }

    /** Closes the topic of a session that /delete removed; never throws. */
    public void close(String sessionId) {
        if (!active()) {
            return;
        }
        try {
            Optional<SessionTopic> topic = inTransaction(() -> SessionTopic.forSession(chatId(), sessionId))
                    .filter(SessionTopic::usable);
            if (topic.isEmpty()) {
                return;
            }
            client.closeForumTopic(new TopicThread(chatId(), topic.get().threadId));
            inTransaction(() -> SessionTopic.changeState(topic.get().id, SessionTopic.OPEN, SessionTopic.CLOSED,
                    null));
            LOG.infof("Closed topic %d of session %s", topic.get().threadId, topic.get().sessionName);
        } catch (RuntimeException e) {
            LOG.warnf("Could not close the topic of a deleted session (it stays open): %s",
                    client.redact(String.valueOf(e.getMessage())));
        }
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private long chatId() {
        return settings.ownerChatId().orElseThrow();
    }
}
