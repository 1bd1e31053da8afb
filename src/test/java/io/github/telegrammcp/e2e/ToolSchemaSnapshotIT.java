package io.github.telegrammcp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * Locks the tool contract: the tools/list the packaged server sends must equal
 * {@code src/test/resources/tools-list.snapshot.json}, so every change to a name, description, parameter or hint is a
 * reviewed diff. Regenerate with {@code ./mvnw verify -Dit.test=ToolSchemaSnapshotIT -Dsnapshot.update=true}.
 */
class ToolSchemaSnapshotIT {

    static final Path SNAPSHOT = Path.of("src/test/resources/tools-list.snapshot.json");

    @TempDir
    Path tmp;

    @Test
    void toolsListMatchesTheSnapshot() throws Exception {
        Map<String, String> env = McpServerProcess.env("http://127.0.0.1:9", "123456789:AAFakeTokenForTestsOnly_abcdefghijk",
                1001, tmp.resolve("state"));
        String actual;
        try (McpServerProcess server = new McpServerProcess(Jar.path(), tmp.resolve("proj"), env)) {
            actual = render(server.client().listTools().tools());
        }
        if (Boolean.getBoolean("snapshot.update")) {
            Files.writeString(SNAPSHOT, actual);
        }
        assertThat(SNAPSHOT).as("snapshot file (create it with -Dsnapshot.update=true)").exists();
        assertThat(actual).isEqualTo(Files.readString(SNAPSHOT));
    }

    static String render(List<McpSchema.Tool> tools) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        List<Map<String, Object>> out = new ArrayList<>();
        for (McpSchema.Tool tool : tools.stream().sorted(Comparator.comparing(McpSchema.Tool::name)).toList()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", tool.name());
            t.put("title", tool.title());
            t.put("description", tool.description());
            t.put("inputSchema", json.convertValue(tool.inputSchema(), Map.class));
            McpSchema.ToolAnnotations a = tool.annotations();
            Map<String, Object> hints = new LinkedHashMap<>();
            hints.put("title", a.title());
            hints.put("readOnlyHint", a.readOnlyHint());
            hints.put("destructiveHint", a.destructiveHint());
            hints.put("idempotentHint", a.idempotentHint());
            hints.put("openWorldHint", a.openWorldHint());
            t.put("annotations", hints);
            out.add(t);
        }
        return json.writeValueAsString(out) + "\n";
    }
}
