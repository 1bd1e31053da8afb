package io.github.telegrammcp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.FreshStateResource;
import io.github.telegrammcp.fake.FakeBotApiResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A claim whose commit answer was lost (the database host died after committing) is found again by its stamp, and a
 * claim that never committed is not: the message is neither lost nor handed over twice.
 */
@QuarkusTest
@QuarkusTestResource(FreshStateResource.class)
@QuarkusTestResource(FakeBotApiResource.class)
class ClaimRecoveryTest {

    @Inject
    InboxService inbox;

    @Test
    void aCommittedClaimWhoseAnswerWasLostIsRecovered() {
        String session = UUID.randomUUID().toString();
        long id = enqueue(session, "deploy now");
        ClaimAttempt attempt = new ClaimAttempt();
        Optional<InboxMessage> claimed = inbox.claimNext(session, attempt);
        assertThat(claimed).map(m -> m.id).contains(id);
        // As if the commit had thrown: the attempt was never settled.
        assertThat(attempt.uncertain()).isTrue();
        assertThat(inbox.recover(attempt)).map(m -> m.body).contains("deploy now");
        assertThat(attempt.uncertain()).isFalse();
        assertThat(inbox.claimNext(session)).as("delivered once").isEmpty();
    }

    @Test
    void aClaimThatNeverCommittedLeavesTheMessageQueued() {
        String session = UUID.randomUUID().toString();
        long id = enqueue(session, "run the tests");
        ClaimAttempt attempt = new ClaimAttempt();
        attempt.mark(id, ClaimAttempt.nextStamp()); // written, then rolled back: the row never got this stamp
        assertThat(inbox.recover(attempt)).isEmpty();
        assertThat(inbox.claimNext(session)).map(m -> m.body).contains("run the tests");
    }

    @Test
    void stampsAreUniqueWithinAMillisecond() {
        long first = ClaimAttempt.nextStamp();
        assertThat(ClaimAttempt.nextStamp()).isGreaterThan(first);
    }

    long enqueue(String session, String body) {
        return QuarkusTransaction.requiringNew().call(() -> inbox.enqueue(session, null, null, "text", body, null).id);
    }
}
