package io.github.telegrammcp.bot;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.github.telegrammcp.files.ContentTypes;
import io.github.telegrammcp.files.FileSnapshot;
import io.github.telegrammcp.files.PathPolicy;
import io.github.telegrammcp.files.PathRefusedException;
import io.github.telegrammcp.files.UploadRefusedException;
import io.github.telegrammcp.outgoing.BotMessenger;
import io.github.telegrammcp.outgoing.BotMessenger.Upload;
import io.github.telegrammcp.outgoing.CodeDelivery;
import io.github.telegrammcp.session.SessionRegistry;
import io.github.telegrammcp.telegram.OutboundFile;
import io.github.telegrammcp.telegram.TelegramLimits;
import io.github.telegrammcp.telegram.render.Html;

/**
 * {@code /file <name> <path> [download] [force]}, run by the process that owns the session: the path is confined to
 * the project directory (no {@code ..}, no absolute path elsewhere, no symlink out), likely secrets need
 * {@code force}; text comes back highlighted, large or binary files (or {@code download}) as a document.
 */
@ApplicationScoped
public class FileCommand {

    /** Text files up to this size are shown inline (split into parts, or sent as a document by the formatter). */
    static final long INLINE_LIMIT = 200 * 1024;

    private static final Pattern FLAGS = Pattern.compile("(?i)(\\s+(download|force))+\\s*$");
    private static final Map<String, String> LANGUAGES = Map.ofEntries(Map.entry("py", "python"),
            Map.entry("java", "java"), Map.entry("js", "javascript"), Map.entry("mjs", "javascript"),
            Map.entry("ts", "typescript"), Map.entry("tsx", "typescript"), Map.entry("sh", "bash"),
            Map.entry("json", "json"), Map.entry("yml", "yaml"), Map.entry("yaml", "yaml"), Map.entry("go", "go"),
            Map.entry("rs", "rust"), Map.entry("kt", "kotlin"), Map.entry("c", "c"), Map.entry("h", "c"),
            Map.entry("cpp", "cpp"), Map.entry("cs", "csharp"), Map.entry("rb", "ruby"), Map.entry("php", "php"),
            Map.entry("sql", "sql"), Map.entry("html", "html"), Map.entry("css", "css"), Map.entry("xml", "xml"),
            Map.entry("md", "markdown"), Map.entry("diff", "diff"), Map.entry("toml", "toml"));

    private final BotMessenger messenger;
    private final CodeDelivery code;
    private final SessionRegistry registry;

    public FileCommand(BotMessenger messenger, CodeDelivery code, SessionRegistry registry) {
        this.messenger = messenger;
        this.code = code;
        this.registry = registry;
    }

    /** The parsed arguments. */
    record Request(String path, boolean download, boolean force) {
    }

    /** Parses {@code <path> [download] [force]}; the path may contain spaces and may be quoted. */
    static Request parse(String args) {
        String rest = args == null ? "" : args.strip();
        boolean download = false;
        boolean force = false;
        Matcher m = FLAGS.matcher(" " + rest);
        if (m.find()) {
            String flags = m.group().toLowerCase(Locale.ROOT);
            download = flags.contains("download");
            force = flags.contains("force");
            rest = (" " + rest).substring(0, m.start()).strip();
        }
        if (rest.length() >= 2 && (rest.startsWith("\"") && rest.endsWith("\"")
                || rest.startsWith("'") && rest.endsWith("'"))) {
            rest = rest.substring(1, rest.length() - 1);
        }
        return new Request(rest, download, force);
    }

    /** Runs the command for this process's session and answers in Telegram. */
    public void run(String sessionId, String args) throws IOException {
        Request request = parse(args);
        String name = Html.escape(registry.currentName());
        if (request.path().isEmpty()) {
            messenger.sendForSession(sessionId, "Usage: <code>/file " + name + " &lt;path&gt; [download]</code>");
            return;
        }
        Path project = registry.projectDirectory();
        Path file;
        try {
            file = PathPolicy.resolve(project, request.path(), List.of(), request.force());
        } catch (PathRefusedException e) {
            messenger.sendForSession(sessionId, "📄 <b>[" + name + "]</b> " + Html.escape(ownerMessage(e, request,
                    registry.currentName())));
            return;
        }
        String shown = PathPolicy.display(file, project);
        if (!request.download() && Files.size(file) <= INLINE_LIMIT) {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) INLINE_LIMIT + 1);
            }
            String text = bytes.length > INLINE_LIMIT ? null : decodeText(bytes);
            if (text != null && !text.isBlank()) {
                code.send(sessionId, text, language(file), "📄 `" + shown.replace("`", "'") + "`");
                return;
            }
        }
        String fileName = file.getFileName().toString();
        try (FileSnapshot snapshot = FileSnapshot.take(file, shown, TelegramLimits.UPLOAD_BYTES, 0)) {
            String change = snapshot.change().isEmpty() ? "" : "\n<i>" + Html.escape(snapshot.change()) + "</i>";
            messenger.sendFileForSession(sessionId, Upload.DOCUMENT,
                    OutboundFile.ofPath(snapshot.path(), fileName, ContentTypes.forFileName(fileName), snapshot.size()),
                    "📄 <b>[" + name + "]</b> <code>" + Html.escape(shown) + "</code>" + change, null);
        } catch (UploadRefusedException e) {
            messenger.sendForSession(sessionId, "📄 <b>[" + name + "]</b> " + Html.escape(e.getMessage()));
        }
    }

    /** The refusal in words for the owner, who can add {@code force} for a likely secret. */
    static String ownerMessage(PathRefusedException e, Request request, String session) {
        if (e.reason() == PathRefusedException.Reason.SECRET) {
            return "Not shown: " + request.path() + " looks like a secret file. If you really want it in this chat,"
                    + " send: /file " + session + " " + request.path() + " force";
        }
        if (e.reason() == PathRefusedException.Reason.HARD_LINK) {
            return "Not shown: " + request.path() + " has other names (hard links) that may lie outside the project."
                    + " If you know what it is and want it in this chat, send: /file " + session + " " + request.path()
                    + " force";
        }
        return e.getMessage();
    }

    /** The text of a file if it is UTF-8 without NUL bytes, else null (binary). */
    static String decodeText(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String language(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : LANGUAGES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static boolean isText(InputStream in) throws IOException {
        return decodeText(in.readNBytes(8192)) != null;
    }
}
