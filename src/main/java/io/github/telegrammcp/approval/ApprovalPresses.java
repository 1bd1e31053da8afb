package io.github.telegrammcp.approval;

import java.util.Optional;
import java.util.function.BiPredicate;

import org.jboss.logging.Logger;

/**
 * The owner's press on a permission prompt's button, handled by the process that polls Telegram, inside the
 * transaction that stores the update: each prompt is answered once; a second press, a press after the prompt ended, a
 * press whose asking process has gone (answered "expired") and a button this bot does not know get a short note
 * instead. The caller has already checked that the press comes from the owner.
 */
public final class ApprovalPresses {

    private static final Logger LOG = Logger.getLogger(ApprovalPresses.class);

    /** How long after its deadline an unsettled prompt counts as abandoned (its process died on another host). */
    static final long ABANDONED_AFTER_MILLIS = 60_000;

    private ApprovalPresses() {
    }

    /**
     * What to do in Telegram after the commit.
     *
     * @param note the press's short answer
     * @param chatId the prompt's chat, when its message is to be edited (else null)
     * @param messageId the prompt's message, when it is to be edited (else null)
     * @param html the prompt's new text, when it is to be edited (else null)
     * @param send a message to send (the whole input), or null
     * @param decidedFor the session of the prompt this press decided (its process reads the answer), or null
     */
    public record Outcome(String note, Long chatId, Long messageId, String html, String send, String decidedFor) {

        static Outcome noteOnly(String note) {
            return new Outcome(note, null, null, null, null, null);
        }
    }

    /**
     * Handles a press.
     *
     * @param records the prompts' records, in the poller's transaction
     * @param data the button's callback data ({@code p:...})
     * @param userId who pressed
     * @param now epoch millis
     * @param thisHost this host's name
     * @param alive tells whether a process of this host (pid) still runs and started before a time (epoch millis)
     */
    public static Outcome press(ApprovalRecords records, String data, long userId, long now, String thisHost,
            BiPredicate<Long, Long> alive) {
        Optional<ApprovalMessage.Press> press = ApprovalMessage.parse(data);
        if (press.isEmpty()) {
            return Outcome.noteOnly("This button does not belong to any prompt of this bot.");
        }
        Optional<ApprovalRecords.Row> found = records.find(press.get().requestId());
        if (found.isEmpty()) {
            return Outcome.noteOnly("This prompt has expired; nothing was allowed.");
        }
        ApprovalRecords.Row row = found.get();
        ApprovalMessage.Choice choice = press.get().choice();
        if (choice == ApprovalMessage.Choice.SEE_MORE) {
            String full = row.fullInput() == null ? "" : row.fullInput();
            return new Outcome("The whole input follows.", null, null, null, ApprovalMessage.fullInput(
                    row.sessionName(), row.toolName(), full, row.inputLanguage(), full.length() < row.inputChars(),
                    row.inputChars()), null);
        }
        Optional<Verdict> earlier = row.decided();
        if (earlier.isPresent()) {
            return Outcome.noteOnly(alreadyNote(earlier.get()));
        }
        boolean gone = thisHost.equals(row.host()) ? !alive.test(row.pid(), row.createdAt())
                : now > row.expiresAt() + ABANDONED_AFTER_MILLIS;
        Verdict verdict = gone ? Verdict.EXPIRED : choice.verdict().orElseThrow();
        if (!records.decide(row.id(), verdict, now, gone ? null : userId)) {
            return Outcome.noteOnly(alreadyNote(records.verdict(row.id()).orElse(Verdict.CANCELLED)));
        }
        LOG.infof("Permission prompt %s: session %s, tool %s: %s (pressed by user %d)", row.id(), row.sessionName(),
                row.toolName(), gone ? "expired, the asking process has gone" : verdict.code(), userId);
        String html = row.messageId() == null ? null : ApprovalMessage.answered(row.messageHtml(), verdict, row.origin());
        return new Outcome(ApprovalMessage.pressNote(verdict), row.chatId(), row.messageId(), html, null,
                row.sessionId());
    }

    /** The note for a press on a prompt that has ended. */
    static String alreadyNote(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> "Already answered: allowed. Nothing changed.";
            case ALLOW_SESSION -> "Already answered: allowed for this session. Nothing changed.";
            case DENY -> "Already answered: denied. Nothing changed.";
            default -> ApprovalMessage.pressNote(verdict);
        };
    }
}
