package io.github.telegrammcp.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TranscriptWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Lines shaped like Claude Code 2.1.328's transcript (fields trimmed). */
    private static final String CALL_1 = """
            {"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Bash",\
            "input":{"command":"npm test","description":"Run the tests"}}]}}
            """;
    private static final String CALL_2 = CALL_1.replace("toolu_1", "toolu_2");
    private static final String OTHER_CALL = """
            {"type":"assistant","message":{"role":"assistant","content":[{"type":"tool_use","id":"toolu_9","name":"Bash",\
            "input":{"command":"rm -rf build","description":"Clean"}}]}}
            """;

    @TempDir
    Path dir;

    @Test
    void theCallsResultInTheTranscriptMeansAnswered() throws Exception {
        Path transcript = write(CALL_1 + CALL_2);
        TranscriptWatch watch = TranscriptWatch.of(transcript.toString(), "Bash", input()).orElseThrow();
        assertThat(watch.answered()).isFalse();

        append(transcript, result("toolu_1"));
        assertThat(watch.answered()).as("the older identical call's result is not this one's").isFalse();

        append(transcript, result("toolu_2"));
        assertThat(watch.answered()).isTrue();
    }

    @Test
    void aLineStillBeingWrittenIsReadAgainWhenComplete() throws Exception {
        Path transcript = write(CALL_1);
        TranscriptWatch watch = TranscriptWatch.of(transcript.toString(), "Bash", input()).orElseThrow();
        String line = result("toolu_1");
        int half = line.indexOf("toolu_1") + 3;

        append(transcript, line.substring(0, half));
        assertThat(watch.answered()).isFalse();
        append(transcript, line.substring(half));
        assertThat(watch.answered()).isTrue();
    }

    @Test
    void aResultWrittenBeforeTheHookStartedIsNotThisPrompt() throws Exception {
        Path transcript = write(CALL_1 + result("toolu_1"));
        TranscriptWatch watch = TranscriptWatch.of(transcript.toString(), "Bash", input()).orElseThrow();
        append(transcript, OTHER_CALL);
        assertThat(watch.answered()).isFalse();
    }

    @Test
    void nothingIsWatchedWithoutTheCallOrTheTranscript() throws Exception {
        Path transcript = write(OTHER_CALL + "not json\n");
        assertThat(TranscriptWatch.of(transcript.toString(), "Bash", input())).isEmpty();
        assertThat(TranscriptWatch.of(transcript.toString(), "Write", JSON.readTree(
                "{\"command\":\"rm -rf build\",\"description\":\"Clean\"}"))).isEmpty();
        assertThat(TranscriptWatch.of(dir.resolve("missing.jsonl").toString(), "Bash", input())).isEmpty();
        assertThat(TranscriptWatch.of(null, "Bash", input())).isEmpty();
    }

    @Test
    void aTranscriptThatGoesAwayIsNotAnAnswer() throws Exception {
        Path transcript = write(CALL_1);
        TranscriptWatch watch = TranscriptWatch.of(transcript.toString(), "Bash", input()).orElseThrow();
        Files.delete(transcript);
        assertThat(watch.answered()).isFalse();
    }

    private static JsonNode input() throws Exception {
        return JSON.readTree("{\"command\":\"npm test\",\"description\":\"Run the tests\"}");
    }

    private static String result(String id) {
        return "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":[{\"tool_use_id\":\"" + id
                + "\",\"type\":\"tool_result\",\"content\":\"ok\",\"is_error\":false}]}}\n";
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("t.jsonl"), text, StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
