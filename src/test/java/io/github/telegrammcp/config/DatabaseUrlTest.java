package io.github.telegrammcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void aPlainUrlBecomesAJdbcUrlWithTimeouts() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://tgmcp@db.example.org:6543/bot", Optional.empty(),
                Optional.empty());
        assertThat(url.user()).isEqualTo("tgmcp");
        assertThat(url.password()).isEmpty();
        assertThat(url.jdbcUrl()).startsWith("jdbc:postgresql://db.example.org:6543/bot?")
                .contains("connectTimeout=5").contains("socketTimeout=30").contains("tcpKeepAlive=true")
                .contains("statement_timeout%3D15000").contains("lock_timeout%3D10000");
        assertThat(url.credentials()).doesNotContainKey("password");
    }

    @Test
    void theConfiguredPasswordWinsThenPgpasswordThenTheUrl() {
        String text = "postgresql://u:inurl@h/db";
        assertThat(DatabaseUrl.parse(text, Optional.of("configured"), Optional.of("env")).password())
                .contains("configured");
        assertThat(DatabaseUrl.parse(text, Optional.empty(), Optional.of("env")).password()).contains("env");
        assertThat(DatabaseUrl.parse(text, Optional.empty(), Optional.empty()).password()).contains("inurl");
    }

    @Test
    void thePasswordIsNeverShown() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:s3cret@h:5432/db", Optional.empty(), Optional.empty());
        assertThat(url.masked()).isEqualTo("postgresql://u:***@h:5432/db");
        assertThat(url.toString()).doesNotContain("s3cret");
        assertThat(url.jdbcUrl()).doesNotContain("s3cret");
    }

    @Test
    void theUsersOwnParametersAreKeptAndWin() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u@h/db?sslmode=require&connectTimeout=2", Optional.empty(),
                Optional.empty());
        assertThat(url.jdbcUrl()).contains("sslmode=require").contains("connectTimeout=2")
                .doesNotContain("connectTimeout=5");
    }

    @Test
    void otherDatabasesAndBrokenUrlsAreRefusedWithWhatToWrite() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u@h/db", Optional.empty(), Optional.empty()))
                .hasMessageContaining("only PostgreSQL").hasMessageContaining("postgresql://user@host:5432/database");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@h:5432/", Optional.empty(), Optional.empty()))
                .hasMessageContaining("database name is missing");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db", Optional.empty(), Optional.empty()))
                .hasMessageContaining("host is missing");
    }
}
