package io.github.telegrammcp.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SetupOptionsTest {

    @Test
    void readsTheScriptForm() throws Exception {
        SetupOptions options = SetupOptions.parse(List.of("--token", "1:x", "--chat-id=42", "--client", "claude,codex",
                "--client", "gemini-cli", "--scope", "project", "--yes", "--no-test-message", "--wait", "5"));
        assertThat(options.token()).contains("1:x");
        assertThat(options.chatId()).contains("42");
        assertThat(options.clients()).contains(List.of("claude", "codex", "gemini"));
        assertThat(options.scope()).contains(ClientSetup.Scope.PROJECT);
        assertThat(options.yes()).isTrue();
        assertThat(options.testMessage()).isFalse();
        assertThat(options.waitSeconds()).isEqualTo(5);
    }

    @Test
    void leavesUnansweredQuestionsOpen() throws Exception {
        SetupOptions options = SetupOptions.parse(List.of());
        assertThat(options.token()).isEmpty();
        assertThat(options.clients()).isEmpty();
        assertThat(options.scope()).isEmpty();
        assertThat(options.yes()).isFalse();
        assertThat(options.testMessage()).isTrue();
        assertThat(options.approvals()).isEmpty();
    }

    @Test
    void approvalsCanBeAskedForOrRefused() throws Exception {
        assertThat(SetupOptions.parse(List.of("--approvals")).approvals()).contains(true);
        assertThat(SetupOptions.parse(List.of("--approvals", "--no-approvals")).approvals()).contains(false);
    }

    @Test
    void noneMeansNoClient() throws Exception {
        assertThat(SetupOptions.parse(List.of("--client", "none")).clients()).isEqualTo(Optional.of(List.of()));
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> SetupOptions.parse(List.of("--client", "cursor"))).hasMessageContaining("cursor");
        assertThatThrownBy(() -> SetupOptions.parse(List.of("--scope", "global-ish"))).hasMessageContaining("--scope");
        assertThatThrownBy(() -> SetupOptions.parse(List.of("--token"))).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SetupOptions.parse(List.of("--frobnicate"))).hasMessageContaining("--frobnicate");
    }
}
