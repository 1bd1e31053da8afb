package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiPredicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one-answer rule: each prompt is decided once; everything else gets a short note and changes nothing. */
class ApprovalPressesTest {

    static final String HOST = "here";
    static final long OWNER = 1001;
    static final BiPredicate<Long, Long> ALIVE = (pid, since) -> true;
    static final BiPredicate<Long, Long> DEAD = (pid, since) -> false;

    private ApprovalDb db;

    @BeforeEach
    void open() throws Exception {
        db = new ApprovalDb();
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private ApprovalPresses.Outcome press(String id, ApprovalMessage.Choice choice, BiPredicate<Long, Long> alive)
            throws Exception {
        return ApprovalPresses.press(db.records, ApprovalMessage.data(id, choice), OWNER, System.currentTimeMillis(),
                HOST, alive);
    }

    @Test
    void theFirstPressDecidesAndShowsTheOutcomeInTheMessage() throws Exception {
        db.pending("P1", HOST, 42);

        ApprovalPresses.Outcome outcome = press("P1", ApprovalMessage.Choice.ALLOW_SESSION, ALIVE);

        assertThat(outcome.note()).isEqualTo("Allowed for this session.");
        assertThat(outcome.messageId()).isEqualTo(77L);
        assertThat(outcome.html()).endsWith("✅ <b>Allowed for this session</b>");
        ApprovalRecords.Row row = db.records.find("P1").orElseThrow();
        assertThat(row.decided()).contains(Verdict.ALLOW_SESSION);
        assertThat(row.decidedBy()).isEqualTo(OWNER);
    }

    @Test
    void aSecondPressChangesNothing() throws Exception {
        db.pending("P1", HOST, 42);
        press("P1", ApprovalMessage.Choice.DENY, ALIVE);

        ApprovalPresses.Outcome again = press("P1", ApprovalMessage.Choice.ALLOW, ALIVE);

        assertThat(again.note()).isEqualTo("Already answered: denied. Nothing changed.");
        assertThat(again.html()).isNull();
        assertThat(db.records.verdict("P1")).contains(Verdict.DENY);
    }

    @Test
    void aPressAfterTheAskingProcessHasGoneIsExpired() throws Exception {
        db.pending("P1", HOST, 42);

        ApprovalPresses.Outcome outcome = press("P1", ApprovalMessage.Choice.ALLOW, DEAD);

        assertThat(outcome.note()).startsWith("Expired");
        assertThat(outcome.html()).contains("Expired");
        assertThat(db.records.verdict("P1")).contains(Verdict.EXPIRED);
        assertThat(press("P1", ApprovalMessage.Choice.ALLOW, ALIVE).note()).startsWith("Expired");
    }

    @Test
    void aPromptOfAnotherHostLongPastItsDeadlineIsExpired() throws Exception {
        long past = System.currentTimeMillis() - 3_600_000;
        db.records.insert(new ApprovalRecords.Row("P2", "hook", null, "api", null, "Bash", "d", "x",
                null, 1, "elsewhere", 42, 1001L, 78L, "q", past, past + 60_000, null, null, null));

        assertThat(press("P2", ApprovalMessage.Choice.ALLOW, ALIVE).note()).startsWith("Expired");
    }

    @Test
    void aPromptTheAskerEndedGetsItsOwnNote() throws Exception {
        db.pending("P1", HOST, 42);
        db.records.decide("P1", Verdict.TIMEOUT, System.currentTimeMillis(), null);

        assertThat(press("P1", ApprovalMessage.Choice.ALLOW, ALIVE).note()).startsWith("Too late");
        assertThat(db.records.verdict("P1")).contains(Verdict.TIMEOUT);
    }

    @Test
    void unknownAndForeignButtonsGetANote() throws Exception {
        assertThat(press("NOPE", ApprovalMessage.Choice.ALLOW, ALIVE).note()).contains("expired");
        assertThat(ApprovalPresses.press(db.records, "p:garbage", OWNER, 0, HOST, ALIVE).note())
                .contains("does not belong");
    }

    @Test
    void seeMoreSendsTheWholeInputAndDecidesNothing() throws Exception {
        db.pending("P1", HOST, 42);

        ApprovalPresses.Outcome outcome = press("P1", ApprovalMessage.Choice.SEE_MORE, ALIVE);

        assertThat(outcome.send()).contains("rm -rf /tmp/x").contains("the whole input");
        assertThat(db.records.verdict("P1")).isEmpty();
    }
}
