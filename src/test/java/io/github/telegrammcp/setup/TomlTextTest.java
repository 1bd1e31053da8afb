package io.github.telegrammcp.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TomlTextTest {

    @Test
    void appendsTheTableWhenAbsentKeepingEverythingElse() {
        String before = "# my codex\nmodel = \"o3\"\n\n[mcp_servers.other]\ncommand = \"x\"\n";
        assertThat(TomlText.set(before, "mcp_servers.telegram", values("command", "\"/opt/t\"", "tool_timeout_sec", "604800")))
                .isEqualTo("# my codex\nmodel = \"o3\"\n\n[mcp_servers.other]\ncommand = \"x\"\n\n"
                        + "[mcp_servers.telegram]\ncommand = \"/opt/t\"\ntool_timeout_sec = 604800\n");
    }

    @Test
    void updatesKeysInPlaceKeepingCommentsAndOtherKeys() {
        String before = "[mcp_servers.telegram]\ncommand = \"/old\" # where it lives\nenv = { A = \"1\" }\n\n[other]\nx = 1\n";
        assertThat(TomlText.set(before, "mcp_servers.telegram", values("command", "\"/new\"", "tool_timeout_sec", "604800")))
                .isEqualTo("[mcp_servers.telegram]\ncommand = \"/new\" # where it lives\nenv = { A = \"1\" }\n"
                        + "tool_timeout_sec = 604800\n\n[other]\nx = 1\n");
    }

    @Test
    void readsATableWithQuotedNames() {
        String text = "[mcp_servers.\"telegram\"]\ncommand = '/opt/t'\ntool_timeout_sec = 604800 # seven days\n";
        assertThat(TomlText.table(text, "mcp_servers.telegram")).hasValueSatisfying(
                table -> assertThat(table).containsEntry("command", "'/opt/t'").containsEntry("tool_timeout_sec", "604800"));
        assertThat(TomlText.unquoteValue("'/opt/t'")).isEqualTo("/opt/t");
        assertThat(TomlText.table(text, "mcp_servers.other")).isEmpty();
    }

    @Test
    void quotesStringsTheTomlWay() {
        assertThat(TomlText.quote("/a b/\"c\"\\d")).isEqualTo("\"/a b/\\\"c\\\"\\\\d\"");
    }

    private static Map<String, String> values(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
