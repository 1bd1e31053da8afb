package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class SessionGrantsTest {

    @Test
    void keepsAllowRulesDirectoriesAndAcceptEditsForThisSessionOnly() throws Exception {
        SessionGrants grants = SessionGrants.fromSuggestions(new ObjectMapper().readTree("""
                [{"type":"addRules","rules":[{"toolName":"Bash","ruleContent":"npm test *"}],"behavior":"allow",
                  "destination":"localSettings"},
                 {"type":"addDirectories","directories":["/srv/data"],"destination":"session"},
                 {"type":"setMode","mode":"acceptEdits","destination":"session"},
                 {"type":"setMode","mode":"bypassPermissions","destination":"session"},
                 {"type":"addRules","rules":[{"toolName":"Bash"}],"behavior":"deny","destination":"session"},
                 {"type":"removeRules","rules":[{"toolName":"Bash"}],"behavior":"deny","destination":"session"}]"""));

        assertThat(grants.updates()).hasSize(3);
        grants.updates().forEach(update -> assertThat(update.path("destination").asText()).isEqualTo("session"));
        assertThat(grants.described()).containsExactly("Bash(npm test *)", "access to /srv/data",
                "accept every file edit (acceptEdits mode)");
    }

    @Test
    void nothingToGrantWithoutSuggestions() {
        assertThat(SessionGrants.fromSuggestions(null).isEmpty()).isTrue();
        assertThat(SessionGrants.none().described()).isEmpty();
    }
}
