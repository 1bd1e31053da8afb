package io.github.telegrammcp.hook;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tells when the person answered a permission prompt in the terminal instead: Claude Code (2.1.328) neither stops the
 * hook then nor tells it, but writes the tool call's result to the session's transcript. The hook finds the tool call
 * it was asked about (the newest {@code tool_use} with this tool and input) and watches the transcript's new lines for
 * its {@code tool_result}. Without a transcript, or without that call in it, nothing is watched.
 */
final class TranscriptWatch {

    /** How much of the transcript's end is searched for the tool call. */
    static final int TAIL_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path transcript;
    private final String needle;
    private long offset;

    private TranscriptWatch(Path transcript, String toolUseId, long offset) {
        this.transcript = transcript;
        this.needle = "\"tool_use_id\":\"" + toolUseId + "\"";
        this.offset = offset;
    }

    /** A watch for the newest call of {@code toolName} with {@code input} in the transcript, if it is there. */
    static Optional<TranscriptWatch> of(String transcriptPath, String toolName, JsonNode input) {
        if (transcriptPath == null || !Files.isRegularFile(Path.of(transcriptPath))) {
            return Optional.empty();
        }
        Path transcript = Path.of(transcriptPath);
        try (RandomAccessFile file = new RandomAccessFile(transcript.toFile(), "r")) {
            long end = file.length();
            long start = Math.max(0, end - TAIL_BYTES);
            byte[] tail = new byte[(int) (end - start)];
            file.seek(start);
            file.readFully(tail);
            String id = null;
            for (String line : new String(tail, StandardCharsets.UTF_8).split("\n")) {
                if (!line.contains("\"tool_use\"")) {
                    continue;
                }
                String found = toolUseId(line, toolName, input);
                if (found != null) {
                    id = found;
                }
            }
            return id == null ? Optional.empty() : Optional.of(new TranscriptWatch(transcript, id, end));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The id of a {@code tool_use} block of this tool and input in a transcript line, or null. */
    static String toolUseId(String line, String toolName, JsonNode input) {
        try {
            JsonNode entry = JSON.readTree(line);
            for (JsonNode block : entry.path("message").path("content")) {
                if ("tool_use".equals(block.path("type").asText()) && toolName.equals(block.path("name").asText())
                        && input.equals(block.path("input"))) {
                    return block.path("id").asText(null);
                }
            }
        } catch (IOException e) {
            // A line being written, or not JSON: not the call.
        }
        return null;
    }

    /** True once the transcript has the call's result (read from where the last look stopped). */
    boolean answered() {
        try (RandomAccessFile file = new RandomAccessFile(transcript.toFile(), "r")) {
            long end = file.length();
            if (end <= offset) {
                return false;
            }
            byte[] added = new byte[(int) Math.min(end - offset, TAIL_BYTES)];
            file.seek(offset);
            file.readFully(added);
            String text = new String(added, StandardCharsets.UTF_8);
            // Only whole lines count; a line still being written is read again next time.
            int lastNewline = text.lastIndexOf('\n');
            if (lastNewline < 0) {
                return false;
            }
            offset += text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
            return text.substring(0, lastNewline).contains(needle);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
