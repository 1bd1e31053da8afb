package io.github.telegrammcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The cancellation signal a wait sleeps on instead of looking at the flag every second. */
class ConnectionStateTest {

    @Test
    void aCancellationRunsTheListenerOfThatRequestOnce() {
        ConnectionState state = new ConnectionState();
        AtomicInteger seven = new AtomicInteger();
        AtomicInteger eight = new AtomicInteger();
        state.onCancel(RpcId.ofInteger("7"), seven::incrementAndGet);
        state.onCancel(RpcId.ofString("8"), eight::incrementAndGet);

        state.cancel(RpcId.ofInteger("7"));
        state.cancel(RpcId.ofInteger("7"));

        assertThat(seven).hasValue(1);
        assertThat(eight).as("another request's listener").hasValue(0);
    }

    @Test
    void aListenerForAnAlreadyCancelledRequestRunsAtOnce() {
        ConnectionState state = new ConnectionState();
        state.cancel(RpcId.ofString("a"));
        AtomicInteger runs = new AtomicInteger();

        state.onCancel(RpcId.ofString("a"), runs::incrementAndGet);

        assertThat(runs).hasValue(1);
    }

    @Test
    void aForgottenListenerDoesNotRun() {
        ConnectionState state = new ConnectionState();
        AtomicInteger runs = new AtomicInteger();
        Runnable forget = state.onCancel(RpcId.ofInteger("3"), runs::incrementAndGet);

        forget.run();
        state.cancel(RpcId.ofInteger("3"));

        assertThat(runs).hasValue(0);
    }
}
