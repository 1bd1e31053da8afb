package io.github.telegrammcp.approval;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import io.github.telegrammcp.telegram.api.InlineKeyboardMarkup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Puts a permission prompt to the owner and waits for the answer: the one place that decides Allow, Allow for this
 * session, Deny, or no answer in time, for every way a client asks (Claude Code's and Codex's hooks, claude -p's
 * permission prompt tool, Claude Code's channel relay). The message goes out from the asking process; the owner's
 * press reaches the state store through whichever process polls Telegram, and the asking process reads it from there:
 * at once when {@link Wakes} says an answer for its session was stored, else on the safety-net re-check. It never
 * polls Telegram itself.
 */
public final class ApprovalPrompt {

    private static final Logger LOG = Logger.getLogger(ApprovalPrompt.class);

    /** How often a process without wake-ups (the hook with the H2 store) looks for the owner's answer in the store. */
    static final Duration CHECK_EVERY = Duration.ofMillis(250);
    /** How often a prompt looks at its deadline and whether it was withdrawn (no store access). */
    static final Duration TICK_AT_MOST = Duration.ofSeconds(1);
    /** How long past its deadline a prompt waits for a store that does not answer. */
    static final Duration STORE_GRACE = Duration.ofSeconds(15);
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Runs store work on the prompts' records, in a transaction of its own. */
    @FunctionalInterface
    public interface Store {
        <T> T call(Work<T> work);
    }

    /** Store work. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ApprovalRecords records);
    }

    /** Sends and edits the owner's messages. */
    public interface Messenger {

        /** The owner's chat id. */
        long chatId();

        /** Sends HTML with buttons; returns the message id. Throws when Telegram cannot be reached or refuses it. */
        long send(String html, InlineKeyboardMarkup buttons);

        /** Replaces a message's text and removes its buttons; best effort. */
        void edit(long messageId, String html);
    }

    /**
     * Tells a waiting prompt that an answer may have been stored for its session, so that it reads the store at once;
     * between wake-ups it re-reads the store every {@link #recheck()} (a lost wake-up only costs that long).
     */
    public interface Wakes {

        /** Emits (any item) whenever an answer for a prompt of {@code sessionId} may have been stored. */
        Multi<?> forSession(String sessionId);

        /** How often the store is re-read without a wake-up. */
        Duration recheck();
    }

    /** No wake-ups: the store is read every {@link #CHECK_EVERY} (a process that nobody can wake, like the hook). */
    public static final Wakes NO_WAKES = new Wakes() {
        @Override
        public Multi<?> forSession(String sessionId) {
            return Multi.createFrom().empty();
        }

        @Override
        public Duration recheck() {
            return CHECK_EVERY;
        }
    };

    /** The prompt could not be put to the owner (Telegram or the store failed): nobody will answer it. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Store store;
    private final Messenger messenger;
    private final String host;
    private final long pid;
    private final Executor blocking;
    private final Wakes wakes;

    /**
     * @param store the state store
     * @param messenger the owner's chat
     * @param host this host's name (with {@code pid}: the process that waits, so a press after it died is "expired")
     * @param pid this process's id
     * @param blocking where store and Telegram calls run
     */
    public ApprovalPrompt(Store store, Messenger messenger, String host, long pid, Executor blocking) {
        this(store, messenger, host, pid, blocking, NO_WAKES);
    }

    /** As above, woken by {@code wakes} when an answer may have been stored. */
    public ApprovalPrompt(Store store, Messenger messenger, String host, long pid, Executor blocking, Wakes wakes) {
        this.store = store;
        this.messenger = messenger;
        this.host = host;
        this.pid = pid;
        this.blocking = blocking;
        this.wakes = wakes;
    }

    /**
     * Asks the owner, unless the same request was allowed for this session before. Ends with the owner's answer,
     * {@link Verdict#TIMEOUT} after {@code timeout}, or {@link Verdict#CANCELLED} once {@code cancelled} says so; fails
     * with {@link Unavailable} when the prompt could not be sent.
     */
    public Uni<Decision> ask(ApprovalRequest request, Duration timeout, BooleanSupplier cancelled) {
        return Uni.createFrom().item(() -> open(request, timeout)).runSubscriptionOn(blocking)
                .chain(opened -> opened.decided != null ? Uni.createFrom().item(opened.decided) : answer(opened,
                        cancelled));
    }

    /**
     * The owner's answer: the store is read when a wake-up says it may hold one, every {@link Wakes#recheck()} in any
     * case, and at each tick once the deadline has passed or the request was withdrawn.
     */
    private Uni<Decision> answer(Opened opened, BooleanSupplier cancelled) {
        Duration recheck = wakes.recheck();
        Duration tick = recheck.compareTo(TICK_AT_MOST) < 0 ? recheck : TICK_AT_MOST;
        Multi<?> woken = opened.request.sessionId() == null ? Multi.createFrom().empty()
                : wakes.forSession(opened.request.sessionId());
        long[] lastLook = { System.nanoTime() };
        AtomicBoolean lookFailed = new AtomicBoolean();
        // Wake-ups are subscribed first, then the store is read once: an answer stored (and its wake-up sent) while
        // the prompt was still being sent or recorded is not left to the re-check.
        return Multi.createBy().merging().streams(
                woken.map(w -> Boolean.TRUE),
                Multi.createFrom().item(Boolean.TRUE),
                Multi.createFrom().ticks().every(tick).map(t -> Boolean.FALSE))
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(wake -> {
                    long now = System.nanoTime();
                    // After a look the store did not answer, look again at the next tick: its answer may be what
                    // the wake-up that came meanwhile (or the one lost while the database restarted) was about.
                    boolean due = wake || lookFailed.get() || now - lastLook[0] >= recheck.toNanos()
                            || System.currentTimeMillis() >= opened.expiresAt || cancelled.getAsBoolean();
                    if (!due) {
                        return Uni.createFrom().item(Optional.<Decision> empty());
                    }
                    lastLook[0] = now;
                    return Uni.createFrom().item(() -> check(opened, cancelled, lookFailed)).runSubscriptionOn(
                            blocking);
                })
                .select().where(Optional::isPresent).toUni().map(Optional::get);
    }

    /** A prompt that is out: its row, and what it said. */
    private record Opened(ApprovalRequest request, String id, String html, long messageId, long expiresAt,
            Decision decided) {
    }

    private Opened open(ApprovalRequest request, Duration timeout) {
        String digest = ApprovalRecords.digest(request.toolName(), request.input());
        boolean remembered;
        try {
            remembered = store.call(r -> r.allowedForSession(request.grantKey(), request.toolName(),
                    digest));
        } catch (RuntimeException e) {
            throw new Unavailable("the state store cannot be read (" + e.getMessage() + ")", e);
        }
        if (remembered) {
            LOG.infof("Permission for %s in session %s: allowed, as the owner allowed the same request for this"
                    + " session before (%s)", request.toolName(), request.sessionName(), request.origin().code());
            return new Opened(request, null, null, 0, 0, new Decision(Verdict.ALLOW_SESSION, true, request.grants()));
        }
        String id = newId();
        InputPreview preview = request.preview();
        String html = ApprovalMessage.html(request, preview, timeout);
        long now = System.currentTimeMillis();
        long expiresAt = now + timeout.toMillis();
        ApprovalRecords.Row row = new ApprovalRecords.Row(id, request.origin().code(), request.sessionId(),
                request.sessionName(), request.grantKey(), request.toolName(), digest, preview.full(),
                preview.language(), preview.totalCharacters(), host, pid, null, null, null, now, expiresAt, null, null,
                null);
        try {
            store.call(r -> {
                r.insert(row);
                return null;
            });
        } catch (RuntimeException e) {
            throw new Unavailable("the state store cannot record the prompt (" + e.getMessage() + ")", e);
        }
        long messageId;
        try {
            messageId = messenger.send(html, ApprovalMessage.keyboard(id, true, preview.cut()));
        } catch (RuntimeException e) {
            settle(id, Verdict.CANCELLED);
            throw new Unavailable("the prompt could not be sent to Telegram (" + e.getMessage() + ")", e);
        }
        try {
            store.call(r -> {
                r.attachMessage(id, messenger.chatId(), messageId, html);
                return null;
            });
        } catch (RuntimeException e) {
            // The press still decides (the buttons carry the id); only the outcome cannot be shown in the message.
            LOG.warnf("Permission prompt %s: could not record its message (%s)", id, e.getMessage());
        }
        LOG.infof("Permission prompt %s sent: session %s wants to use %s (%s)", id, request.sessionName(),
                request.toolName(), request.origin().code());
        return new Opened(request, id, html, messageId, expiresAt, null);
    }

    /** One look at the store: the decision once there is one. */
    private Optional<Decision> check(Opened opened, BooleanSupplier cancelled, AtomicBoolean failed) {
        long now = System.currentTimeMillis();
        boolean gone = cancelled.getAsBoolean();
        boolean late = now >= opened.expiresAt;
        Verdict end = gone ? Verdict.CANCELLED : Verdict.TIMEOUT;
        Optional<Verdict> verdict;
        failed.set(false);
        try {
            verdict = store.call(r -> r.verdict(opened.id));
            if (verdict.isEmpty() && (late || gone)) {
                if (!store.call(r -> r.decide(opened.id, end, now, null))) {
                    return Optional.empty(); // the owner pressed at the last moment: read it next time
                }
                messenger.edit(opened.messageId, ApprovalMessage.answered(opened.html, end, opened.request.origin()));
                verdict = Optional.of(end);
            }
        } catch (RuntimeException e) {
            // The database host may be changing: keep looking, a little past the deadline; then give up unanswered.
            if (!gone && now < opened.expiresAt + STORE_GRACE.toMillis()) {
                failed.set(true);
                LOG.debugf("Permission prompt %s: the store did not answer (%s)", opened.id, e.getMessage());
                return Optional.empty();
            }
            LOG.warnf("Permission prompt %s: the store did not answer (%s); ending without an answer", opened.id,
                    e.getMessage());
            verdict = Optional.of(end);
        }
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        Verdict v = verdict.get();
        LOG.infof("Permission prompt %s: session %s, tool %s: %s", opened.id, opened.request.sessionName(),
                opened.request.toolName(), describe(v));
        return Optional.of(new Decision(v, false, v == Verdict.ALLOW_SESSION ? opened.request.grants()
                : SessionGrants.none()));
    }

    /** Sets an ending the owner did not choose, best effort. */
    private void settle(String id, Verdict verdict) {
        try {
            store.call(r -> r.decide(id, verdict, System.currentTimeMillis(), null));
        } catch (RuntimeException e) {
            LOG.warnf("Permission prompt %s: could not record %s (%s)", id, verdict.code(), e.getMessage());
        }
    }

    private static String describe(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> "allowed by the owner";
            case ALLOW_SESSION -> "allowed for this session by the owner";
            case DENY -> "denied by the owner";
            case TIMEOUT -> "no answer in time";
            case CANCELLED -> "the request was withdrawn before the owner answered";
            case EXPIRED -> "expired";
        };
    }

    /** A short random id for button data. */
    static String newId() {
        char[] id = new char[10];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
