package io.github.telegrammcp.bot;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.telegrammcp.inbox.Attachment;
import io.github.telegrammcp.telegram.TelegramLimits;
import io.github.telegrammcp.telegram.api.Document;
import io.github.telegrammcp.telegram.api.Message;
import io.github.telegrammcp.telegram.api.PhotoSize;
import io.github.telegrammcp.telegram.api.Update;
import io.github.telegrammcp.telegram.api.User;
import io.github.telegrammcp.telegram.render.Html;

/**
 * Decides where an update goes, in DESIGN.md's order: owner check, commands, reply to a session's message, the
 * {@code /keep} lock, the only live session, else ask. Pure logic: the store is reached through {@link RoutingView}.
 */
public final class UpdateRouter {

    private final long ownerChatId;
    private final Set<Long> allowedUsers;
    private final Supplier<Optional<String>> botUsername;
    private final BooleanSupplier topics;

    /** A router that cannot tell which bot it is: commands addressed to any bot ({@code /help@name}) are ignored. */
    public UpdateRouter(long ownerChatId, Set<Long> allowedUsers) {
        this(ownerChatId, allowedUsers, Optional::empty);
    }

    /**
     * @param ownerChatId TELEGRAM_CHAT_ID
     * @param allowedUsers TELEGRAM_ALLOWED_USERS
     * @param botUsername this bot's username (from getMe), empty while unknown
     */
    public UpdateRouter(long ownerChatId, Set<Long> allowedUsers, Supplier<Optional<String>> botUsername) {
        this(ownerChatId, allowedUsers, botUsername, () -> true);
    }

    /**
     * As {@link #UpdateRouter(long, Set, Supplier)}; {@code topics} tells whether what the owner writes in a session's
     * topic goes to that session (false with {@code TELEGRAM_TOPICS=off}: topics are ignored, routing as without them).
     */
    public UpdateRouter(long ownerChatId, Set<Long> allowedUsers, Supplier<Optional<String>> botUsername,
            BooleanSupplier topics) {
        this.ownerChatId = ownerChatId;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.botUsername = botUsername;
        this.topics = topics;
    }

    /** Routes one update. */
    public Route route(Update update, RoutingView view) {
        if (update.message() != null) {
            Message message = update.message();
            Optional<String> refusal = refusal(message, message.from());
            if (refusal.isPresent()) {
                return new Route.Ignore(refusal.get(), nobodyAllowedNotice(message));
            }
            return routeMessage(message, view);
        }
        if (update.editedMessage() != null) {
            Optional<String> refusal = refusal(update.editedMessage(), update.editedMessage().from());
            return new Route.Ignore(refusal.orElse("edited message (edits are not forwarded; send a new message)"));
        }
        if (update.callbackQuery() != null) {
            var query = update.callbackQuery();
            if (query.message() == null) {
                return new Route.Ignore("button press without its message");
            }
            Optional<String> refusal = refusal(query.message(), query.from());
            if (refusal.isPresent()) {
                return new Route.Ignore(refusal.get());
            }
            return new Route.Press(query);
        }
        return new Route.Ignore("unsupported update type");
    }

    /** Why an update from this chat and user must not be acted on, or empty when it comes from the owner. */
    Optional<String> refusal(Message message, User from) {
        long chatId = message.chat() == null ? 0 : message.chat().id();
        if (chatId != ownerChatId) {
            return Optional.of("update from chat " + chatId + ", which is not TELEGRAM_CHAT_ID");
        }
        if (message.chat().isGroup()) {
            if (from == null || !allowedUsers.contains(from.id())) {
                return Optional.of("group message from user " + (from == null ? "?" : from.id())
                        + ", who is not in TELEGRAM_ALLOWED_USERS");
            }
        } else if (from != null && from.id() != ownerChatId && !allowedUsers.contains(from.id())) {
            return Optional.of("update from user " + from.id() + " in the owner's chat");
        }
        return Optional.empty();
    }

    /**
     * What to tell a group that is TELEGRAM_CHAT_ID but has no TELEGRAM_ALLOWED_USERS, where the bot obeys nobody: a
     * person writing there is most likely the owner setting it up. Null in every other case.
     */
    private String nobodyAllowedNotice(Message message) {
        User from = message.from();
        if (message.chat() == null || message.chat().id() != ownerChatId || !message.chat().isGroup()
                || !allowedUsers.isEmpty() || from == null || from.isBot()) {
            return null;
        }
        return "⚠️ I obey nobody in this group: TELEGRAM_ALLOWED_USERS is empty. To command me here, add your user id ("
                + from.id() + ") to TELEGRAM_ALLOWED_USERS in the server's configuration, then restart the assistant.";
    }

    private Route routeMessage(Message message, RoutingView view) {
        Optional<String> overLimit = overLimit(message);
        if (overLimit.isPresent()) {
            return new Route.Reply(overLimit.get());
        }
        Attachment attachment = attachment(message);
        String text = message.text() != null ? message.text() : message.caption() == null ? "" : message.caption();
        if (attachment == null && text.isBlank()) {
            return new Route.Reply("This kind of message cannot be forwarded to a session; send text, a photo, a"
                    + " document or a voice note.");
        }
        if (attachment != null && attachment.fileSize() != null
                && attachment.fileSize() > TelegramLimits.DOWNLOAD_BYTES) {
            return new Route.Reply("That file is " + attachment.fileSize() / (1024 * 1024) + " MB; bots can download"
                    + " at most 20 MB from Telegram. Send a smaller file, or put it somewhere the session can read.");
        }
        Optional<SessionRef> topic = message.topicThreadId().filter(thread -> topics.getAsBoolean())
                .flatMap(thread -> view.sessionForTopic(message.chat().id(), thread));
        if (attachment == null && text.startsWith("/")) {
            return routeCommand(text, view, topic.filter(SessionRef::live));
        }
        if (message.replyToMessage() != null) {
            Optional<SessionRef> replied = view.sessionForReply(message.chat().id(),
                    message.replyToMessage().messageId());
            if (replied.isPresent()) {
                SessionRef target = replied.get();
                if (!target.live()) {
                    return new Route.Reply("Session <b>" + Html.escape(target.name())
                            + "</b> has ended, so your reply was not delivered. " + sessionsHint(view));
                }
                return new Route.Deliver(target, text, "reply", attachment);
            }
        }
        if (topic.isPresent()) {
            // A session's own topic: no lock, no picker, no /to.
            if (!topic.get().live()) {
                return new Route.Reply("Session <b>" + Html.escape(topic.get().name()) + "</b> of this topic has ended,"
                        + " so your message was not delivered. It comes back here when it restarts in the same"
                        + " directory. " + sessionsHint(view));
            }
            return new Route.Deliver(topic.get(), text, "topic", attachment);
        }
        Optional<SessionRef> locked = view.lockedSession();
        if (locked.isPresent()) {
            return new Route.Deliver(locked.get(), text, "lock", attachment);
        }
        List<SessionRef> live = view.liveSessions();
        if (live.size() == 1) {
            return new Route.Deliver(live.get(0), text, "only", attachment);
        }
        if (live.isEmpty()) {
            return new Route.Reply("No assistant session is running, so your message was not delivered. Start an"
                    + " assistant that uses telegram-mcp-server, then send it again.");
        }
        return new Route.AskWhich(live, text, attachment);
    }

    /**
     * Why a message is longer than Telegram allows, or empty. Telegram itself sends nothing longer; the check keeps
     * whatever arrives within what the store's columns hold (see {@link TelegramLimits}).
     */
    static Optional<String> overLimit(Message message) {
        int text = TelegramLimits.characters(message.text());
        if (text > TelegramLimits.TEXT_CHARACTERS) {
            return Optional.of(String.format(Locale.ROOT, "Your message has %,d characters; Telegram messages hold at"
                    + " most %,d, so it was not delivered. Send it in shorter parts.", text,
                    TelegramLimits.TEXT_CHARACTERS));
        }
        int caption = TelegramLimits.characters(message.caption());
        if (caption > TelegramLimits.CAPTION_CHARACTERS) {
            return Optional.of(String.format(Locale.ROOT, "That caption has %,d characters; Telegram captions hold at"
                    + " most %,d, so nothing was delivered. Send the file with a shorter caption and the text as a"
                    + " message of its own.", caption, TelegramLimits.CAPTION_CHARACTERS));
        }
        Document document = message.document();
        if (document != null && TelegramLimits.characters(document.fileName()) > TelegramLimits.FILE_NAME_CHARACTERS) {
            return Optional.of(String.format(Locale.ROOT, "That file's name has %,d characters; this bot takes names"
                    + " of at most %,d, so the file was not delivered. Rename it and send it again.",
                    TelegramLimits.characters(document.fileName()), TelegramLimits.FILE_NAME_CHARACTERS));
        }
        Attachment attachment = attachment(message);
        if (attachment != null && TelegramLimits.characters(attachment.fileId()) > TelegramLimits.FILE_ID_CHARACTERS) {
            return Optional.of("Telegram gave that file an id longer than this bot can keep, so it was not delivered."
                    + " Send it again, perhaps as a document.");
        }
        return Optional.empty();
    }

    /** The largest photo size, the document or the voice note of a message, if any. */
    static Attachment attachment(Message message) {
        if (message.photo() != null && !message.photo().isEmpty()) {
            // Telegram lists sizes smallest first; on equal dimensions the later (original) one wins.
            PhotoSize largest = message.photo().get(0);
            for (PhotoSize p : message.photo()) {
                if ((long) p.width() * p.height() >= (long) largest.width() * largest.height()) {
                    largest = p;
                }
            }
            return new Attachment("photo", largest.fileId(), "photo-" + message.messageId() + ".jpg",
                    largest.fileSize());
        }
        if (message.document() != null) {
            Document d = message.document();
            return new Attachment("document", d.fileId(), d.fileName(), d.fileSize());
        }
        if (message.voice() != null) {
            return new Attachment("voice", message.voice().fileId(), "voice-" + message.messageId() + ".ogg",
                    message.voice().fileSize());
        }
        return null;
    }

    private Route routeCommand(String text, RoutingView view, Optional<SessionRef> topic) {
        String trimmed = text.strip();
        int space = indexOfWhitespace(trimmed);
        String head = space < 0 ? trimmed : trimmed.substring(0, space);
        String args = space < 0 ? "" : trimmed.substring(space + 1).strip();
        int at = head.indexOf('@');
        String name = (at < 0 ? head.substring(1) : head.substring(1, at)).toLowerCase(Locale.ROOT);
        if (at >= 0) {
            String addressee = head.substring(at + 1);
            Optional<String> me = botUsername.get();
            if (me.isEmpty() || !me.get().equalsIgnoreCase(addressee)) {
                // In a group every bot sees "/help@otherbot"; only commands addressed to this bot are ours.
                return new Route.Ignore("command /" + name + " addressed to @" + addressee + (me.isEmpty()
                        ? ", and this bot's own username is not known yet" : ", not to this bot (@" + me.get() + ")"));
            }
        }
        if (name.equals("to")) {
            return routeTo(args, view);
        }
        return new Route.Command(name, topic.map(session -> inTopic(name, args, session, view)).orElse(args));
    }

    /**
     * The arguments of a command written in a session's topic: /status and /delete without a name, and /file with
     * only a path, mean the topic's session. {@code /file <name> <path>} with another live session's name still
     * works.
     */
    static String inTopic(String command, String args, SessionRef session, RoutingView view) {
        switch (command) {
            case "status", "delete" -> {
                return args.isBlank() ? session.name() : args;
            }
            case "file" -> {
                if (args.isBlank()) {
                    return args;
                }
                int space = indexOfWhitespace(args);
                boolean named = space > 0 && view.liveByName(args.substring(0, space)).isPresent();
                return named ? args : session.name() + " " + args;
            }
            default -> {
                return args;
            }
        }
    }

    private Route routeTo(String args, RoutingView view) {
        if (args.isEmpty()) {
            return new Route.Reply("Usage: <code>/to &lt;session&gt; &lt;message&gt;</code>. " + sessionsHint(view));
        }
        int space = indexOfWhitespace(args);
        String name = space < 0 ? args : args.substring(0, space);
        String body = space < 0 ? "" : args.substring(space + 1).strip();
        Optional<SessionRef> target = view.liveByName(name);
        if (target.isEmpty()) {
            return new Route.Reply("No live session is called <b>" + Html.escape(name) + "</b>. "
                    + sessionsHint(view));
        }
        if (body.isEmpty()) {
            // "/to name" alone locks plain messages to that session, like /keep.
            return new Route.Command("keep", target.get().name());
        }
        return new Route.Deliver(target.get(), body, "to");
    }

    /** A one-line list of live sessions with how to address them. */
    static String sessionsHint(RoutingView view) {
        return sessionsHint(view.liveSessions());
    }

    /** A one-line list of these sessions. */
    static String sessionsHint(List<SessionRef> live) {
        if (live.isEmpty()) {
            return "No session is running.";
        }
        return "Live sessions: " + live.stream().map(s -> "<code>" + Html.escape(s.name()) + "</code>")
                .collect(Collectors.joining(", ")) + ".";
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
