package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class InputPreviewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aShellCallShowsItsCommandAsBash() throws Exception {
        InputPreview preview = InputPreview.of("Bash", json("{\"command\": \"npm test\", \"description\": \"Run\"}"));
        assertThat(preview.text()).isEqualTo("npm test");
        assertThat(preview.language()).isEqualTo("bash");
        assertThat(preview.cut()).isFalse();
    }

    @Test
    void aWriteShowsThePathAndTheContentAndAnEditTheChange() throws Exception {
        assertThat(InputPreview.of("Write", json("{\"file_path\": \"/p/a.txt\", \"content\": \"hello\"}")).text())
                .isEqualTo("/p/a.txt\n\nhello");
        assertThat(InputPreview.of("Edit", json("{\"file_path\": \"/p/a.txt\", \"old_string\": \"a\\nb\","
                + " \"new_string\": \"c\"}")).text()).isEqualTo("/p/a.txt\n\n- a\n- b\n+ c");
    }

    @Test
    void otherToolsShowTheirInputAsJson() throws Exception {
        InputPreview preview = InputPreview.of("mcp__db__query", json("{\"sql\": \"select 1\", \"limit\": 5}"));
        assertThat(preview.language()).isEqualTo("json");
        assertThat(preview.text()).contains("\"sql\" : \"select 1\"").contains("\"limit\" : 5");
    }

    @Test
    void aLongInputIsShortenedAtALineEndAndKeptWholeForSeeMore() throws Exception {
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            script.append("echo line ").append(i).append('\n');
        }
        InputPreview preview = InputPreview.of("Bash", JSON.createObjectNode().put("command", script.toString()));
        assertThat(preview.cut()).isTrue();
        assertThat(preview.text().lines()).hasSize(InputPreview.SHORT_LINES);
        assertThat(preview.text()).endsWith("echo line 15");
        assertThat(preview.full()).isEqualTo(script.toString());
        assertThat(preview.fullCut()).isFalse();

        InputPreview wide = InputPreview.of("Bash", JSON.createObjectNode().put("command", "x".repeat(5000)));
        assertThat(wide.text()).hasSize(InputPreview.SHORT_CHARACTERS);
        assertThat(wide.cut()).isTrue();
    }

    @Test
    void aHugeInputIsCutForSeeMoreToo() {
        String text = "😀".repeat(InputPreview.FULL_CHARACTERS);
        InputPreview preview = InputPreview.of(text, (String) null);
        assertThat(preview.fullCut()).isTrue();
        assertThat(preview.full().length()).isLessThanOrEqualTo(InputPreview.FULL_CHARACTERS);
        assertThat(Character.isHighSurrogate(preview.full().charAt(preview.full().length() - 1))).isFalse();
        assertThat(preview.totalCharacters()).isEqualTo(InputPreview.FULL_CHARACTERS);
    }

    @Test
    void secretsAreMaskedInBothForms() throws Exception {
        InputPreview preview = InputPreview.of("Bash", json("{\"command\": \"TOKEN=abcdef123456 ./deploy.sh\"}"));
        assertThat(preview.text()).isEqualTo("TOKEN=*** ./deploy.sh");
        assertThat(preview.full()).isEqualTo("TOKEN=*** ./deploy.sh");
    }
}
