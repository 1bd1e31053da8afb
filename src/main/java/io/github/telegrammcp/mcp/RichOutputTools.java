package io.github.telegrammcp.mcp;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

import io.github.telegrammcp.files.PathRefusedException;
import io.github.telegrammcp.files.UploadRefusedException;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.outgoing.CodeDelivery;
import io.github.telegrammcp.outgoing.Delivery;
import io.github.telegrammcp.outgoing.FileDelivery;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.TelegramApiException;
import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import io.quarkiverse.mcp.server.ToolCallException;

/** Tools that show the owner code, images and files. */
public class RichOutputTools {

    static final String REPLIES = " Replies to it reach this session through telegram_wait_reply or"
            + " telegram_unattended_mode.";

    private final ToolGuard guard;
    private final CodeDelivery code;
    private final FileDelivery files;
    private final SessionRegistry registry;

    public RichOutputTools(ToolGuard guard, CodeDelivery code, FileDelivery files, SessionRegistry registry) {
        this.guard = guard;
        this.code = code;
        this.files = files;
        this.registry = registry;
    }

    @Tool(name = "telegram_send_code", description = """
            Send code, a diff, a stack trace or command output to the owner's Telegram as a code block (monospace, \
            highlighted for the language), labelled with this session's name. Any content is safe: backticks, <, &, \
            emoji and CJK show exactly as given. Code longer than one Telegram message (about 4000 characters) is \
            split at line boundaries into numbered parts; code that would need more than 3 messages is sent as a \
            file (snippet.py, snippet.java, ... by language) instead. Use this rather than telegram_send for code. \
            Returns the Telegram message id(s) and whether the code went as a file.""",
            annotations = @Tool.Annotations(title = "Send code to the owner", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    String sendCode(
            @ToolArg(description = "The code or text to show, verbatim. Any length.") String code,
            @ToolArg(description = "Language for highlighting and the file extension, e.g. python, java, bash, diff,"
                    + " json. Leave out for plain text.", required = false) String language,
            @ToolArg(description = "Optional short Markdown text shown above the code: what it is or what changed"
                    + " (at most 4096 characters).",
                    required = false) String caption) {
        String sessionId = guard.readySession();
        ToolGuard.required(code, "code", "\"print('hello')\"");
        ArgumentLimits.atMost(language == null ? null : language.strip(), "language", ArgumentLimits.LANGUAGE,
                "Give the language's usual name, e.g. python, or leave it out.");
        caption(caption);
        CodeDelivery.Result result = mapped("code", () -> this.code.send(sessionId, code, language, caption));
        String how = result.documentName() != null ? "as the file " + result.documentName() + " (too long for 3"
                + " messages), " + ids(result.messageIds()) : ids(result.messageIds());
        return "Code sent to Telegram " + how + "." + REPLIES + BotMessenger.recordingNote(result.unrecorded());
    }

    @Tool(name = "telegram_send_image", description = """
            Send an image file (screenshot, chart, diagram, rendered UI) to the owner's Telegram as a photo, labelled \
            with this session's name. image_path is relative to the project directory, or absolute inside it or \
            inside a directory listed in TELEGRAM_ALLOWED_PATHS; other paths, symbolic links leading elsewhere and \
            likely secrets (.env, keys, credentials) are refused. PNG, JPEG, GIF and WebP (recognized by content) are \
            shown as photos; other formats, images over 10 MB or more elongated than 20:1 are sent as files instead, \
            and the result says so. Files over 50 MB are refused. A caption over 1024 characters follows the image \
            as a separate message. Returns the Telegram message id(s).""",
            annotations = @Tool.Annotations(title = "Send an image to the owner", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    String sendImage(
            @ToolArg(name = "image_path", description = "Path of the image, relative to the project directory, e.g."
                    + " \"screenshots/home.png\".") String imagePath,
            @ToolArg(description = "Optional Markdown caption: what the image shows (at most 4096"
                    + " characters).", required = false)
            String caption) {
        String sessionId = guard.readySession();
        ToolGuard.required(imagePath, "image_path", "\"screenshots/home.png\"");
        ArgumentLimits.atMost(imagePath, "image_path", ArgumentLimits.PATH, "Give a path relative to the project.");
        caption(caption);
        Delivery sent = mapped("image_path", () -> files.sendImage(sessionId, imagePath, caption));
        String how = sent.asPhoto() ? "as a photo" : "as a file, not as a photo, because " + sent.note();
        return "Image " + sent.fileName() + " (" + size(sent.size()) + ") sent to Telegram " + how + ", "
                + ids(sent.messageIds()) + "." + REPLIES + notes(sent);
    }

    @Tool(name = "telegram_send_file", description = """
            Send a file (log, report, PDF, archive, build output) to the owner's Telegram as a document, unchanged, \
            labelled with this session's name. file_path is relative to the project directory, or absolute inside it \
            or inside a directory listed in TELEGRAM_ALLOWED_PATHS; other paths, symbolic links leading elsewhere and \
            likely secrets (.env, keys, credentials) are refused. At most 50 MB. A caption over 1024 characters \
            follows the file as a separate message. Use telegram_send_image to show a picture inline. Returns the \
            Telegram message id(s).""",
            annotations = @Tool.Annotations(title = "Send a file to the owner", readOnlyHint = false,
                    destructiveHint = false, idempotentHint = false, openWorldHint = true))
    String sendFile(
            @ToolArg(name = "file_path", description = "Path of the file, relative to the project directory, e.g."
                    + " \"build/reports/tests.html\".") String filePath,
            @ToolArg(description = "Optional Markdown caption: what the file is (at most 4096 characters).",
                    required = false) String caption) {
        String sessionId = guard.readySession();
        ToolGuard.required(filePath, "file_path", "\"build/reports/tests.html\"");
        ArgumentLimits.atMost(filePath, "file_path", ArgumentLimits.PATH, "Give a path relative to the project.");
        caption(caption);
        Delivery sent = mapped("file_path", () -> files.sendFile(sessionId, filePath, caption));
        return "File " + sent.fileName() + " (" + size(sent.size()) + ") sent to Telegram, " + ids(sent.messageIds())
                + "." + REPLIES + notes(sent);
    }

    private static void caption(String caption) {
        ArgumentLimits.atMost(caption, "caption", ArgumentLimits.CAPTION,
                "Keep the caption short and send longer text with telegram_send.");
    }

    /** Runs a send and turns every expected failure into a tool error the model can act on. */
    private <T> T mapped(String parameter, Supplier<T> send) {
        try {
            T result = send.get();
            registry.touch();
            return result;
        } catch (PathRefusedException | UploadRefusedException e) {
            throw new ToolCallException(e.getMessage());
        } catch (TelegramApiException e) {
            throw ToolGuard.failure(e);
        } catch (UncheckedIOException e) {
            throw new ToolCallException("Could not read the file given in " + parameter + " (" + e.getCause()
                    .getMessage() + "). Check that it is readable and not being rewritten.");
        } catch (RuntimeException e) {
            throw guard.storeFailureOr(e);
        }
    }

    /** How the file changed while it was read, and recording problems, as sentences after the result. */
    private static String notes(Delivery sent) {
        return (sent.change().isEmpty() ? "" : " Note: " + sent.change())
                + BotMessenger.recordingNote(sent.unrecorded());
    }

    static String ids(List<Long> ids) {
        return ids.size() == 1 ? "message " + ids.get(0) : ids.size() + " messages " + ids;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
