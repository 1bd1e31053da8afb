package io.github.telegrammcp.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.subscription.Cancellable;

/** The signal a wait sleeps on: no signal is lost, whichever comes first, and a cancelled sleep leaves no trace. */
class SignalTest {

    private static final Duration LONG = Duration.ofMinutes(5);
    private static final Duration SHORT = Duration.ofMillis(50);

    private final Signal signal = new Signal();

    @Test
    void aSignalBeforeTheSleepEndsItAtOnceAndIsTakenByIt() {
        signal.signal();

        assertThat(signal.next(LONG).await().atMost(Duration.ofSeconds(5))).isTrue();
        // taken: the next sleep runs to its timeout
        assertThat(signal.next(SHORT).await().atMost(Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void aSignalWakesAParkedSleep() throws Exception {
        CompletableFuture<Boolean> woken = signal.next(LONG).subscribeAsCompletionStage();
        assertThat(woken).isNotDone();

        signal.signal();

        assertThat(woken.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSleepWithoutSignalEndsAtItsTimeout() {
        long start = System.nanoTime();

        assertThat(signal.next(SHORT).await().atMost(Duration.ofSeconds(30))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT);
    }

    @Test
    void aSignalAfterACancelledSleepIsKeptForTheNextSleep() throws Exception {
        CompletableFuture<Boolean> first = new CompletableFuture<>();
        Cancellable sleep = signal.next(LONG).subscribe().with(first::complete);
        sleep.cancel();

        signal.signal();

        assertThat(first).isNotDone(); // the cancelled sleep was disarmed, not completed
        assertThat(signal.next(LONG).await().atMost(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aSignalAfterATimedOutSleepIsKeptForTheNextSleep() {
        assertThat(signal.next(SHORT).await().atMost(Duration.ofSeconds(30))).isFalse();

        signal.signal();

        assertThat(signal.next(LONG).await().atMost(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aSignalThatWokeASleepStaysPendingUntilCleared() throws Exception {
        CompletableFuture<Boolean> woken = signal.next(LONG).subscribeAsCompletionStage();
        signal.signal();
        assertThat(woken.get(5, TimeUnit.SECONDS)).isTrue();

        // Kept: a sleep being cancelled by its timeout at the same instant would otherwise lose it.
        assertThat(signal.next(LONG).await().atMost(Duration.ofSeconds(5))).isTrue();

        signal.signal();
        signal.clear();
        assertThat(signal.next(SHORT).await().atMost(Duration.ofSeconds(30))).isFalse();
    }

    @Test
    void aSecondSleepSupersedesTheFirstAndTakesTheSignal() throws Exception {
        CompletableFuture<Boolean> first = signal.next(LONG).subscribeAsCompletionStage();
        CompletableFuture<Boolean> second = signal.next(LONG).subscribeAsCompletionStage();

        assertThat(first.get(5, TimeUnit.SECONDS)).as("superseded sleep").isFalse();
        assertThat(second).isNotDone();

        signal.signal();

        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aSignalRacingTheSleepFromAnotherThreadIsNeverLost() throws Exception {
        // The signal lands before, during or after the arming: each round must end with the signal, never the timeout.
        for (int round = 0; round < 2000; round++) {
            Thread signaller = new Thread(signal::signal);
            signaller.start();
            CompletableFuture<Boolean> sleep = signal.next(LONG).subscribeAsCompletionStage();
            assertThat(sleep.get(5, TimeUnit.SECONDS)).isTrue();
            signaller.join();
            signal.clear();
        }
    }
}
