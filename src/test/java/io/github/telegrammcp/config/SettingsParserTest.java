package io.github.telegrammcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SettingsParserTest {

    private static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
    private static final Path CWD = Path.of("/home/u/projects/my-app");
    private static final Path STATE = Path.of("/tmp/state");

    private final Map<String, String> values = new HashMap<>();

    private Settings parse() {
        return SettingsParser.parse(new MapConfig(values), CWD, STATE);
    }

    @Test
    void completeSettingsAreUsableWithDefaults() {
        values.put("token", TOKEN);
        values.put("chat", "42");
        Settings s = parse();
        assertThat(s.problems()).isEmpty();
        assertThat(s.usable()).isTrue();
        assertThat(s.sessionName()).isEqualTo("my-app");
        assertThat(s.maxWait()).isEqualTo(Duration.ofDays(7));
        assertThat(s.pollSchedule()).isEqualTo(PollSchedule.DEFAULT);
        assertThat(s.apiUrl().toString()).isEqualTo("https://api.telegram.org");
        assertThat(s.stateDir()).isEqualTo(STATE);
    }

    @Test
    void missingTokenAndChatAreReportedWithHowToFix() {
        Settings s = parse();
        assertThat(s.usable()).isFalse();
        assertThat(s.problemReport()).contains("TELEGRAM_BOT_TOKEN is missing").contains("TELEGRAM_CHAT_ID is missing")
                .contains("--setup");
    }

    @Test
    void badValuesAreProblemsNotCrashes() {
        values.put("token", TOKEN);
        values.put("chat", "me");
        values.put("maxWait", "-5");
        values.put("poll", "abc");
        values.put("api", "ftp://x");
        values.put("users", "1,x");
        Settings s = parse();
        assertThat(s.usable()).isFalse();
        assertThat(String.join("\n", s.problems()))
                .contains("TELEGRAM_CHAT_ID must be a number")
                .contains("TELEGRAM_MAX_WAIT must be between 1 and 604800")
                .contains("TELEGRAM_POLL_INTERVAL must look like 30,60,120")
                .contains("TELEGRAM_API_URL must be an http(s) URL")
                .contains("TELEGRAM_ALLOWED_USERS must be numeric");
        assertThat(s.maxWait()).isEqualTo(Settings.DEFAULT_MAX_WAIT);
    }

    @Test
    void tokenNeverAppearsInProblemsOrToString() {
        values.put("token", TOKEN);
        values.put("chat", "x");
        Settings s = parse();
        assertThat(s.problemReport()).doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
        assertThat(s.toString()).doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw").contains("123456789:***");
    }

    @Test
    void explicitValuesAreParsed() {
        values.put("token", TOKEN);
        values.put("chat", "-1001234");
        values.put("session", "backend");
        values.put("maxWait", "600");
        values.put("poll", "5, 10");
        values.put("api", "http://127.0.0.1:8081/");
        values.put("users", "7, 8");
        Settings s = parse();
        assertThat(s.problems()).isEmpty();
        assertThat(s.ownerChatId()).contains(-1001234L);
        assertThat(s.sessionName()).isEqualTo("backend");
        assertThat(s.maxWait()).isEqualTo(Duration.ofSeconds(600));
        assertThat(s.pollSchedule().intervals()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(s.apiUrl().toString()).isEqualTo("http://127.0.0.1:8081");
        assertThat(s.allowedUsers()).containsExactlyInAnyOrder(7L, 8L);
    }

    @Test
    void defaultSessionNameIsTheDirectoryNameCleaned() {
        assertThat(SettingsParser.defaultSessionName(Path.of("/x/My Project (old)"))).isEqualTo("My-Project--old-");
        assertThat(SettingsParser.defaultSessionName(Path.of("/"))).isEqualTo("session");
    }

    @Test
    void pollScheduleFollowsTheOriginalThresholds() {
        PollSchedule s = PollSchedule.parse("30,60,120");
        assertThat(s.intervalAfter(Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.intervalAfter(Duration.ofMinutes(11))).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.intervalAfter(Duration.ofHours(2))).isEqualTo(Duration.ofSeconds(120));
        assertThat(PollSchedule.parse("15").intervalAfter(Duration.ofHours(5))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void stateDirectoryFollowsXdgAndOverride() {
        assertThat(StateDirectory.resolve(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.local/state/telegram-mcp-server"));
        assertThat(StateDirectory.resolve(Map.of("XDG_STATE_HOME", "/xdg"), "/home/u"))
                .isEqualTo(Path.of("/xdg/telegram-mcp-server"));
        assertThat(StateDirectory.resolve(Map.of("TELEGRAM_STATE_DIR", "~/s", "XDG_STATE_HOME", "/xdg"), "/home/u"))
                .isEqualTo(Path.of("/home/u/s"));
    }

    /** A TelegramConfig backed by the test's map. */
    private record MapConfig(Map<String, String> v) implements TelegramConfig {
        public Optional<String> botToken() {
            return Optional.ofNullable(v.get("token"));
        }

        public Optional<String> chatId() {
            return Optional.ofNullable(v.get("chat"));
        }

        public Optional<String> session() {
            return Optional.ofNullable(v.get("session"));
        }

        public Optional<String> maxWait() {
            return Optional.ofNullable(v.get("maxWait"));
        }

        public Optional<String> pollInterval() {
            return Optional.ofNullable(v.get("poll"));
        }

        public String apiUrl() {
            return v.getOrDefault("api", "https://api.telegram.org");
        }

        public Optional<String> stateDir() {
            return Optional.ofNullable(v.get("state"));
        }

        public Optional<String> allowedUsers() {
            return Optional.ofNullable(v.get("users"));
        }

        public int progressSeconds() {
            return 30;
        }

        public Optional<String> allowedPaths() {
            return Optional.ofNullable(v.get("paths"));
        }

        public Optional<String> approvalTimeout() {
            return Optional.ofNullable(v.get("approvalTimeout"));
        }

        public Optional<String> topics() {
            return Optional.ofNullable(v.get("topics"));
        }

        public Optional<String> channel() {
            return Optional.ofNullable(v.get("channel"));
        }
    }
}
