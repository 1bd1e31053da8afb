package io.github.telegrammcp.approval;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.github.telegrammcp.telegram.TelegramLimits;

/**
 * What a tool call would do, as plain text for a person on a phone: the command of a shell call, the path and content of
 * a file write, the old and new text of an edit, else the input as indented JSON. Likely secrets are masked. The short
 * form fits one Telegram message beside the rest of the prompt; the full form is what "See more" sends.
 *
 * @param text the short form (at most {@link #SHORT_LINES} lines and {@link #SHORT_CHARACTERS} characters)
 * @param full the whole text (at most {@link #FULL_CHARACTERS} characters)
 * @param language a code-block language for the text ({@code bash}, {@code json}), or null
 * @param cut whether {@code text} shows less than {@code full}
 * @param fullCut whether {@code full} itself was cut at {@link #FULL_CHARACTERS}
 * @param totalCharacters how long the whole text was before any cut
 */
public record InputPreview(String text, String full, String language, boolean cut, boolean fullCut,
        int totalCharacters) {

    /** Lines shown in the prompt itself. */
    public static final int SHORT_LINES = 15;
    /** Characters shown in the prompt itself. */
    public static final int SHORT_CHARACTERS = 900;
    /** Characters "See more" sends at most: about ten Telegram messages. */
    public static final int FULL_CHARACTERS = 40_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The preview of a call to {@code toolName} with {@code input} (a JSON object, or null). */
    public static InputPreview of(String toolName, JsonNode input) {
        String language = null;
        String text;
        JsonNode in = input == null ? JSON.createObjectNode() : input;
        String tool = toolName == null ? "" : toolName;
        if (isShell(tool) && in.path("command").isTextual()) {
            text = in.path("command").asText();
            language = "bash";
        } else if (in.path("file_path").isTextual() && in.path("content").isTextual()) {
            text = in.path("file_path").asText() + "\n\n" + in.path("content").asText();
        } else if (in.path("file_path").isTextual() && in.has("old_string")) {
            text = in.path("file_path").asText() + "\n\n" + diff(in.path("old_string").asText(),
                    in.path("new_string").asText());
        } else if (in.path("file_path").isTextual() && in.path("edits").isArray()) {
            StringBuilder edits = new StringBuilder(in.path("file_path").asText());
            for (JsonNode edit : in.path("edits")) {
                edits.append("\n\n").append(diff(edit.path("old_string").asText(), edit.path("new_string").asText()));
            }
            text = edits.toString();
        } else if (in.path("url").isTextual()) {
            text = in.path("url").asText() + (in.path("prompt").isTextual() ? "\n\n" + in.path("prompt").asText() : "");
        } else if (in.size() == 1 && in.fields().next().getValue().isTextual()) {
            Map.Entry<String, JsonNode> only = in.fields().next();
            text = only.getKey() + ": " + only.getValue().asText();
        } else {
            text = json(in);
            language = "json";
        }
        return of(SecretMask.mask(text), language);
    }

    /** A preview of an already written (and masked) text. */
    static InputPreview of(String text, String language) {
        int total = text.length();
        String full = total <= FULL_CHARACTERS ? text : cutAt(text, FULL_CHARACTERS);
        String shortText = shorten(text);
        return new InputPreview(shortText, full, language, shortText.length() < text.length(), full.length() < total,
                TelegramLimits.characters(text));
    }

    /** Shell tools of Claude Code ({@code Bash}), Codex ({@code Bash} in its hooks) and Gemini CLI. */
    static boolean isShell(String tool) {
        return tool.equals("Bash") || tool.equals("run_shell_command") || tool.equals("shell")
                || tool.equals("exec_command") || tool.equals("local_shell");
    }

    private static String diff(String before, String after) {
        StringBuilder out = new StringBuilder();
        for (String line : before.split("\n", -1)) {
            out.append("- ").append(line).append('\n');
        }
        for (String line : after.split("\n", -1)) {
            out.append("+ ").append(line).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String json(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    /** At most {@link #SHORT_LINES} lines and {@link #SHORT_CHARACTERS} characters, cut at a line end where possible. */
    static String shorten(String text) {
        int end = 0;
        int lines = 0;
        while (end < text.length() && lines < SHORT_LINES) {
            int newline = text.indexOf('\n', end);
            end = newline < 0 ? text.length() : newline + 1;
            lines++;
        }
        String head = text.substring(0, end);
        if (head.length() > SHORT_CHARACTERS) {
            int lastBreak = head.lastIndexOf('\n', SHORT_CHARACTERS);
            head = lastBreak > SHORT_CHARACTERS / 2 ? head.substring(0, lastBreak + 1)
                    : cutAt(head, SHORT_CHARACTERS);
        }
        return head.length() < text.length() ? head.stripTrailing() : text;
    }

    /** The first {@code max} characters, never splitting a surrogate pair. */
    private static String cutAt(String text, int max) {
        int end = Math.min(max, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** The number of lines of {@link #full}. */
    public long lines() {
        return full.isEmpty() ? 0 : full.lines().count();
    }
}
