package io.github.telegrammcp.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

class JsonTextTest {

    @Test
    void createsTheObjectsOnTheWayInAnEmptyFile() throws JsonProcessingException {
        assertThat(JsonText.set("", text("604800000"), "env", "MCP_TOOL_TIMEOUT")).isEqualTo("""
                {
                  "env": {
                    "MCP_TOOL_TIMEOUT": "604800000"
                  }
                }
                """);
    }

    @Test
    void addsAMemberAfterTheOthersKeepingTheirLayoutAndComments() throws JsonProcessingException {
        String before = """
                {
                    // my theme
                    "theme": "dark",
                    "mcpServers": {
                        "other": { "command": "x" }
                    }
                }
                """;
        String after = JsonText.set(before, server(), "mcpServers", "telegram");
        assertThat(after).isEqualTo("""
                {
                    // my theme
                    "theme": "dark",
                    "mcpServers": {
                        "other": { "command": "x" },
                        "telegram": {
                          "command": "/opt/t"
                        }
                    }
                }
                """);
        assertThat(JsonText.at(JsonText.parse(after), "mcpServers", "other", "command").asText()).isEqualTo("x");
    }

    @Test
    void replacesOnlyTheValueOfAnExistingMember() throws JsonProcessingException {
        String before = "{\"a\": 1, \"env\": {\"MCP_TOOL_TIMEOUT\": \"60000\", \"B\": \"x\"}, \"z\": [1, 2]}\n";
        assertThat(JsonText.set(before, text("604800000"), "env", "MCP_TOOL_TIMEOUT"))
                .isEqualTo("{\"a\": 1, \"env\": {\"MCP_TOOL_TIMEOUT\": \"604800000\", \"B\": \"x\"}, \"z\": [1, 2]}\n");
    }

    @Test
    void fillsAnEmptyObjectAndToleratesATrailingComma() throws JsonProcessingException {
        assertThat(JsonText.set("{}", text("v"), "k")).isEqualTo("{\n  \"k\": \"v\"\n}");
        String after = JsonText.set("{\n  \"a\": 1,\n}\n", text("v"), "k");
        assertThat(JsonText.parse(after).path("k").asText()).isEqualTo("v");
        assertThat(JsonText.parse(after).path("a").asInt()).isEqualTo(1);
    }

    @Test
    void replacesAValueThatIsNotAnObjectOnTheWay() throws JsonProcessingException {
        String after = JsonText.set("{\"env\": null}", text("1"), "env", "X");
        assertThat(JsonText.at(JsonText.parse(after), "env", "X").asText()).isEqualTo("1");
    }

    @Test
    void skipsStringsThatLookLikeStructure() throws JsonProcessingException {
        String before = "{\"a\": \"}{,\\\"\", \"b\": {\"c\": \"]\"}}";
        String after = JsonText.set(before, text("v"), "b", "d");
        assertThat(JsonText.parse(after).path("a").asText()).isEqualTo("}{,\"");
        assertThat(JsonText.at(JsonText.parse(after), "b", "d").asText()).isEqualTo("v");
    }

    @Test
    void refusesAFileThatIsNotAJsonObject() {
        assertThatThrownBy(() -> JsonText.set("[1]", text("v"), "k")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JsonText.set("{\"a\": ", text("v"), "k")).isInstanceOf(JsonProcessingException.class);
    }

    private static JsonNode text(String value) {
        return JsonText.MAPPER.getNodeFactory().textNode(value);
    }

    private static JsonNode server() {
        ObjectNode node = JsonText.MAPPER.createObjectNode();
        node.put("command", "/opt/t");
        return node;
    }
}
