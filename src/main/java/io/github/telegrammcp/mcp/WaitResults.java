package io.github.telegrammcp.mcp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.config.Settings;
import io.github.telegrammcp.config.StateDirectory;
import io.github.telegrammcp.inbox.AttachmentStore;
import io.github.telegrammcp.inbox.InboxMessage;
import io.github.telegrammcp.inbox.WaitOutcome;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.store.StoreProblem;
import io.github.telegrammcp.store.StoreProblems;
import io.github.telegrammcp.telegram.TelegramApiException;

/**
 * The words of a wait's result: what the owner sent (with attachments saved in the state directory, or why they could
 * not be), and why a wait could not read the inbox.
 */
@ApplicationScoped
public class WaitResults {

    private final AttachmentStore attachments;
    private final SessionRegistry registry;
    private final Settings settings;
    private final StoreProblems storeProblems;

    WaitResults(AttachmentStore attachments, SessionRegistry registry, Settings settings, StoreProblems storeProblems) {
        this.attachments = attachments;
        this.registry = registry;
        this.settings = settings;
        this.storeProblems = storeProblems;
    }

    /** The owner's message: its text, and where an attachment was saved (downloaded now), or why it was not. */
    public String describe(InboxMessage message) {
        StringBuilder out = new StringBuilder(message.body == null ? "" : message.body);
        if (message.telegramFileId != null) {
            String what = "voice".equals(message.kind) ? "voice note" : message.kind;
            out.append(out.length() == 0 ? "" : "\n\n");
            try {
                Path saved = attachments.save(message, registry.currentName());
                out.append("The owner sent a ").append(what).append(", saved at: ").append(saved);
            } catch (TelegramApiException e) {
                // A download that fails writing the file looks like a network error; the directory tells which it was.
                Optional<String> disk = StateDirectory.problem(settings.stateDir());
                out.append("The owner sent a ").append(what).append(disk.isPresent()
                        ? ", but it could not be saved: " + disk.get() + ". " + storeProblems.diskAdvice() + " Then ask the"
                                + " owner to send it again."
                        : ", but it could not be downloaded from Telegram (" + e.userMessage() + "). Ask the owner to"
                                + " send it again.");
            } catch (IOException e) {
                out.append("The owner sent a ").append(what).append(", but it could not be saved in the state directory ")
                        .append(settings.stateDir()).append(" (").append(StateDirectory.reason(e)).append("). ")
                        .append(storeProblems.diskAdvice()).append(" Then ask the owner to send it again.");
            } catch (RuntimeException e) {
                out.append("The owner sent a ").append(what).append(", but it could not be saved (")
                        .append(e.getMessage()).append("). Ask the owner to send it again.");
            }
        }
        return out.toString();
    }

    /**
     * Why the wait could not read the inbox, and what happens to the owner's messages meanwhile; {@code again} is how to
     * wait again, e.g. "call telegram_wait_reply again".
     */
    String storeFailure(WaitOutcome.TimedOut timedOut, String again) {
        StoreProblem problem = timedOut.storeProblem();
        if (problem.kind().passes()) {
            return problem.what() + ". Nothing is lost: the owner's messages stay queued (Telegram keeps those not yet"
                    + " stored, for up to 24 hours). This passes by itself, usually within seconds: simply " + again
                    + ".";
        }
        return problem.what() + ". The owner's messages are not lost: Telegram keeps them (for up to 24 hours) until the"
                + " state store can take them. " + problem.advice() + " Tell the user if you can; then " + again + ".";
    }
}
