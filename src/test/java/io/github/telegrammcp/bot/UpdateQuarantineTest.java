package io.github.telegrammcp.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.store.StoreException;

/** Which failures set an update aside, and how the owner is told what was not taken. */
class UpdateQuarantineTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onlyFailuresThatRepeatSetAnUpdateAside() {
        assertThat(UpdateQuarantine.isPoison(store("22001"))).as("value too long").isTrue();
        assertThat(UpdateQuarantine.isPoison(store("23505"))).as("constraint").isTrue();
        assertThat(UpdateQuarantine.isPoison(new NullPointerException())).as("routing bug").isTrue();
        assertThat(UpdateQuarantine.isPoison(store("HY000"))).as("disk full").isFalse();
        assertThat(UpdateQuarantine.isPoison(store("90098"))).as("database closed").isFalse();
        assertThat(UpdateQuarantine.isPoison(store("HYT00"))).as("lock timeout").isFalse();
        assertThat(UpdateQuarantine.isPoison(store("08000"))).as("cannot open").isFalse();
        assertThat(UpdateQuarantine.isPoison(new StoreException("no connection became free"))).isFalse();
        assertThat(UpdateQuarantine.isPoison(new PollerLease.LeaseLostException())).isFalse();
        // As Hibernate and the transaction manager report them: the driver's answer is among the causes.
        assertThat(UpdateQuarantine.isPoison(new org.hibernate.exception.DataException("could not execute statement",
                new SQLException("Value too long", "22001")))).as("value too long, through Hibernate").isTrue();
        assertThat(UpdateQuarantine.isPoison(new jakarta.persistence.PersistenceException("commit failed",
                new SQLException("IO Exception: No space left on device", "HY000")))).as("disk full, through JPA")
                .isFalse();
        assertThat(UpdateQuarantine.isPoison(new org.hibernate.exception.JDBCConnectionException("cannot open",
                new SQLException("Connection is broken", "08006")))).as("host gone, through Hibernate").isFalse();
    }

    @Test
    void theOwnerReadsWhatWasNotTakenInAFewWords() throws Exception {
        assertThat(what("{\"message\":{\"text\":\"deploy <now>\\u202e and \\u0000 more\"}}"))
                .isEqualTo("your message “deploy &lt;now&gt; and more”");
        assertThat(what("{\"message\":{\"text\":\"" + "x".repeat(100) + "\"}}"))
                .isEqualTo("your message “" + "x".repeat(60) + "…”");
        assertThat(what("{\"message\":{\"document\":{\"file_name\":\"a.txt\"},\"caption\":\"see\"}}"))
                .isEqualTo("your document “a.txt” (“see”)");
        assertThat(what("{\"message\":{\"photo\":[null]}}")).isEqualTo("your photo");
        assertThat(what("{\"callback_query\":{}}")).isEqualTo("a button press");
        assertThat(what("{\"poll\":{}}")).isEqualTo("an update of a kind this bot does not read");
    }

    @Test
    void cutsNeverSplitAnEmojiInTwo() {
        assertThat(UpdateQuarantine.cut("ab😀", 3)).isEqualTo("ab");
        assertThat(UpdateQuarantine.cut("ab😀", 4)).isEqualTo("ab😀");
    }

    static String what(String json) throws Exception {
        return UpdateQuarantine.what(JSON.readTree(json));
    }

    static StoreException store(String sqlState) {
        return new StoreException("failed", new SQLException("failed", sqlState));
    }
}
