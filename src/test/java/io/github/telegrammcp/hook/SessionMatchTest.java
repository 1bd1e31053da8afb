package io.github.telegrammcp.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SessionMatchTest {

    // The hook: pid 500 (java) <- 400 (sh -c) <- 300 (claude A) <- 200 (bash) <- 1
    static final List<Long> HOOK_ANCESTORS = List.of(400L, 300L, 200L, 1L);
    static final SessionMatch.Live A = new SessionMatch.Live("a", "api", "/w/api", "here", 310, 1);
    static final SessionMatch.Live B = new SessionMatch.Live("b", "web", "/w/web", "here", 610, 2);
    static final SessionMatch.Live WRAPPED = new SessionMatch.Live("c", "tool", "/w/tool", "here", 320, 3);
    static final Map<Long, List<Long>> TREE = Map.of(
            310L, List.of(300L, 200L), // A's server, started by claude A
            610L, List.of(600L, 200L), // B's server, started by claude B in the same shell
            320L, List.of(315L, 300L)); // a server behind a wrapper script of claude A

    private static SessionMatch.Found pick(List<SessionMatch.Live> live, Long claudePid, String name, String dir) {
        return SessionMatch.pick(live, "here", claudePid, HOOK_ANCESTORS, pid -> TREE.getOrDefault(pid, List.of()),
                name, dir == null ? null : Path.of(dir), "fallback");
    }

    @Test
    void theSessionStartedByTheSameClientWins() {
        assertThat(pick(List.of(B, A), null, null, "/w/web").id()).isEqualTo("a");
        assertThat(pick(List.of(B, WRAPPED), null, null, null).id()).isEqualTo("c");
        assertThat(pick(List.of(B, A), 300L, null, "/w/web").id()).isEqualTo("a");
    }

    @Test
    void withClaudesPidAnotherClientInTheSameShellDoesNotCount() {
        SessionMatch.Found found = pick(List.of(B), 300L, null, null);
        assertThat(found.id()).isNull();
        assertThat(found.name()).isEqualTo("fallback");
    }

    @Test
    void thenTheRequestedNameThenTheOnlySessionInTheProject() {
        SessionMatch.Live elsewhere = new SessionMatch.Live("x", "docs", "/w/docs", "other-host", 310, 1);
        assertThat(pick(List.of(elsewhere), null, "DOCS", null).id()).isEqualTo("x");
        assertThat(pick(List.of(elsewhere), null, null, "/w/docs").id()).isEqualTo("x");
        assertThat(pick(List.of(elsewhere), null, null, "/w/none").id()).isNull();
    }
}
