package io.github.telegrammcp.bot;

import java.io.IOException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.store.StoreException;
import io.github.telegrammcp.telegram.ReceivedUpdate;
import io.github.telegrammcp.telegram.render.Html;

/**
 * Sets aside the updates that cannot be stored, so that one update never stops the bot: its raw JSON (cut to
 * {@value #JSON_LIMIT} units) and the reason go to {@code failed_update}, the offset moves past it, the log says why and
 * the owner is told in one short message what was not taken. Only failures that would repeat count (the database
 * refusing a value, an update the server cannot read or route); an outage (a full disk, the database host changing)
 * sets nothing aside: the update stays with Telegram and is fetched again.
 */
@ApplicationScoped
public class UpdateQuarantine {

    private static final Logger LOG = Logger.getLogger(UpdateQuarantine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longest raw JSON kept, in UTF-16 units (the column holds 16384). */
    static final int JSON_LIMIT = 16_000;
    /** Longest reason kept (the column holds 1000). */
    static final int REASON_LIMIT = 900;
    private static final int EXCERPT = 60;

    private final PollerLease lease;
    private final Settings settings;

    public UpdateQuarantine(PollerLease lease, Settings settings) {
        this.lease = lease;
        this.settings = settings;
    }

    /**
     * True when storing an update failed because of the update itself, so that retrying would fail the same way: the
     * database refused one of its values, or routing it threw (a shape the code did not expect). False for an outage
     * and for a lost lease.
     */
    public static boolean isPoison(Throwable e) {
        if (e instanceof PollerLease.LeaseLostException) {
            return false;
        }
        if (StoreException.isStoreFailure(e)) {
            return StoreException.isDataError(e);
        }
        return true;
    }

    /** The failure in one line for the log and the table. */
    public static String reason(Throwable e) {
        if (StoreException.isStoreFailure(e)) {
            return "the state store refused it: " + driverMessage(e);
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** The database's own words (the innermost message), first line only, without the statement H2 appends. */
    private static String driverMessage(Throwable e) {
        Throwable inner = e;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        String message = inner.getMessage() == null ? inner.getClass().getSimpleName() : inner.getMessage();
        int newline = message.indexOf('\n');
        String first = newline < 0 ? message : message.substring(0, newline);
        return first.endsWith("; SQL statement:") ? first.substring(0, first.length() - "; SQL statement:".length())
                : first;
    }

    /**
     * Sets an update aside in a transaction of its own, moving the offset from {@code expectedOffset} past it; returns
     * the notice for the owner, if the update came from the owner's chat. Throws when the store cannot be written (then
     * nothing changed, and the update is fetched again later).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Effect> setAside(long expectedOffset, ReceivedUpdate update, String reason) {
        Optional<Effect> effect = record(update, reason);
        lease.advanceOffset(expectedOffset, update.updateId() + 1);
        return effect;
    }

    /** Records an update that is not stored, inside the caller's transaction; returns the notice for the owner, if any. */
    @Transactional(TxType.MANDATORY)
    public Optional<Effect> record(ReceivedUpdate update, String reason) {
        FailedUpdate.record(update.updateId(), cutJson(update.json()), cut(reason, REASON_LIMIT),
                System.currentTimeMillis());
        LOG.errorf("Update %d was set aside in the table failed_update, with its JSON, and the bot carries on: %s",
                update.updateId(), cut(reason, REASON_LIMIT));
        JsonNode json = tree(update.json());
        if (!fromOwnerChat(json)) {
            return Optional.empty();
        }
        return Optional.of(new Effect.Send("⚠️ I could not take " + what(json) + " (update " + update.updateId()
                + "), so no session received it. It was set aside and everything after it is handled as usual; the"
                + " log in the state directory says why. Send it again in another form if it matters."));
    }

    private boolean fromOwnerChat(JsonNode update) {
        long owner = settings.ownerChatId().orElse(Long.MIN_VALUE);
        for (String part : new String[] { "message", "edited_message" }) {
            if (update.path(part).path("chat").path("id").asLong(Long.MIN_VALUE) == owner) {
                return true;
            }
        }
        return update.path("callback_query").path("message").path("chat").path("id").asLong(Long.MIN_VALUE) == owner;
    }

    /** What the owner sent, in a few words: "your message "Deploy the…"", "a button press". */
    static String what(JsonNode update) {
        if (update.has("callback_query")) {
            return "a button press";
        }
        if (update.has("edited_message")) {
            return "the edit of a message";
        }
        JsonNode m = update.path("message");
        if (m.isMissingNode()) {
            return "an update of a kind this bot does not read";
        }
        String caption = excerpt(m.path("caption"));
        if (m.has("document")) {
            String name = excerpt(m.path("document").path("file_name"));
            return "your document" + (name.isEmpty() ? "" : " " + name) + (caption.isEmpty() ? "" : " (" + caption + ")");
        }
        if (m.has("photo")) {
            return "your photo" + (caption.isEmpty() ? "" : " " + caption);
        }
        if (m.has("voice")) {
            return "your voice note";
        }
        String text = excerpt(m.path("text"));
        return text.isEmpty() ? "your message" : "your message " + text;
    }

    /** The start of a text, quoted and escaped for HTML; empty when there is no text. */
    private static String excerpt(JsonNode node) {
        if (!node.isTextual()) {
            return "";
        }
        // Control and format characters (NUL, right-to-left overrides) would garble the notice around the excerpt.
        String text = node.asText().replaceAll("[\\p{Cc}\\p{Cf}]", " ").strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) {
            return "";
        }
        String start = cut(text, EXCERPT);
        return "“" + Html.escape(start.length() < text.length() ? start + "…" : start) + "”";
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String cutJson(String json) {
        String kept = cut(json, JSON_LIMIT);
        return kept.length() == json.length() ? kept : kept + "…[cut: " + json.length() + " UTF-16 units in all]";
    }

    /** At most {@code limit} UTF-16 units, never cutting a surrogate pair in two. */
    static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text == null ? "" : text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end);
    }
}
