package io.github.telegrammcp.hook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.approval.Decision;
import io.github.telegrammcp.approval.SessionGrants;
import io.github.telegrammcp.approval.Verdict;

class HookInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What Claude Code 2.1.328 sends (captured from a real run, paths shortened). */
    static final String CLAUDE = """
            {"session_id":"61182702-7d96-4be8-bfc5-a4f585739d31","transcript_path":"/h/.claude/projects/p/t.jsonl",
             "cwd":"/w/project","prompt_id":"8eb7","permission_mode":"default","effort":{"level":"medium"},
             "hook_event_name":"PermissionRequest","tool_name":"Bash",
             "tool_input":{"command":"npm test","description":"Run the tests"},
             "permission_suggestions":[{"type":"addRules","rules":[{"toolName":"Bash","ruleContent":"npm test *"}],
               "behavior":"allow","destination":"localSettings"}]}""";

    /** What Codex 0.169.0's hook input schema asks for. */
    static final String CODEX = """
            {"session_id":"s-9","transcript_path":null,"cwd":"/w/project","hook_event_name":"PermissionRequest",
             "model":"gpt-5.5","permission_mode":"default","tool_name":"Bash","turn_id":"t-1",
             "tool_input":{"command":"cargo build","description":"needs network"}}""";

    @Test
    void readsClaudeCodesRequestWithItsSuggestions() throws Exception {
        HookInput input = HookInput.parse(JSON.readTree(CLAUDE)).input().orElseThrow();
        assertThat(input.client()).isEqualTo(HookInput.Client.CLAUDE);
        assertThat(input.toolName()).isEqualTo("Bash");
        assertThat(input.description()).isEqualTo("Run the tests");
        assertThat(input.clientSessionId()).isEqualTo("61182702-7d96-4be8-bfc5-a4f585739d31");
        assertThat(input.cwd()).isEqualTo("/w/project");
        assertThat(input.grants().described()).containsExactly("Bash(npm test *)");
    }

    @Test
    void recognizesCodex() throws Exception {
        HookInput input = HookInput.parse(JSON.readTree(CODEX)).input().orElseThrow();
        assertThat(input.client()).isEqualTo(HookInput.Client.CODEX);
        assertThat(input.grants().isEmpty()).isTrue();
    }

    @Test
    void refusesOtherEventsAndShapes() throws Exception {
        assertThat(HookInput.parse(JSON.readTree("{\"hook_event_name\":\"PreToolUse\",\"tool_name\":\"Bash\"}"))
                .refusal()).contains("PreToolUse");
        assertThat(HookInput.parse(JSON.readTree("[1]")).refusal()).contains("not a JSON object");
        assertThat(HookInput.parse(JSON.readTree("{\"hook_event_name\":\"PermissionRequest\"}")).refusal())
                .contains("tool_name");
    }

    @Test
    void answersInThePermissionRequestFormat() throws Exception {
        HookInput claude = HookInput.parse(JSON.readTree(CLAUDE)).input().orElseThrow();
        assertThat(HookAnswer.of(Decision.of(Verdict.ALLOW), HookInput.Client.CLAUDE)).contains(
                "{\"hookSpecificOutput\":{\"hookEventName\":\"PermissionRequest\",\"decision\":{\"behavior\":\"allow\"}}}");
        String session = HookAnswer.of(new Decision(Verdict.ALLOW_SESSION, false, claude.grants()),
                HookInput.Client.CLAUDE).orElseThrow();
        assertThat(JSON.readTree(session).at("/hookSpecificOutput/decision/updatedPermissions/0/destination").asText())
                .isEqualTo("session");
        assertThat(HookAnswer.of(Decision.of(Verdict.DENY), HookInput.Client.CLAUDE).orElseThrow())
                .contains("\"behavior\":\"deny\"").contains("\"message\":\"The owner denied this in Telegram.");
    }

    @Test
    void codexGetsNoPermissionUpdatesWhichItWouldRefuse() {
        SessionGrants grants = SessionGrants.fromSuggestions(JSON.createArrayNode().add(JSON.createObjectNode()
                .put("type", "setMode").put("mode", "acceptEdits")));
        assertThat(HookAnswer.of(new Decision(Verdict.ALLOW_SESSION, false, grants), HookInput.Client.CODEX))
                .contains("{\"hookSpecificOutput\":{\"hookEventName\":\"PermissionRequest\",\"decision\":{\"behavior\":\"allow\"}}}");
    }

    @Test
    void noAnswerPrintsNothing() {
        assertThat(HookAnswer.of(Decision.of(Verdict.TIMEOUT), HookInput.Client.CLAUDE)).isEmpty();
        assertThat(HookAnswer.of(Decision.of(Verdict.CANCELLED), HookInput.Client.CODEX)).isEmpty();
    }
}
