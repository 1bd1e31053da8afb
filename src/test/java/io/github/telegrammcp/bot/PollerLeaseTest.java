package io.github.telegrammcp.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.telegrammcp.approval.ThisHost;
import io.github.telegrammcp.store.PollState.Holder;

/** When a waiting process may take the lease from a holder on this host without waiting for it to run out. */
class PollerLeaseTest {

    private final PollerLease lease = new PollerLease(null);
    private Process child;

    @AfterEach
    void stopChild() throws Exception {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aHolderWhoseProcessIsGoneLosesTheLeaseAtOnce() throws Exception {
        child = new ProcessBuilder("sleep", "60").start();
        long pid = child.pid();
        long start = ThisHost.startMillis(pid).orElseThrow();
        long now = System.currentTimeMillis();
        Holder holder = new Holder("other", ThisHost.name(), pid, start, now + PollerLease.LEASE_MILLIS);
        assertThat(lease.canTakeOver(holder, now)).as("running").isFalse();
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
        assertThat(lease.canTakeOver(holder, now)).as("killed").isTrue();
    }

    @Test
    void aPidReusedByALaterProcessIsNotTheHolder() throws Exception {
        child = new ProcessBuilder("sleep", "60").start();
        long start = ThisHost.startMillis(child.pid()).orElseThrow();
        long now = System.currentTimeMillis();
        Holder earlier = new Holder("other", ThisHost.name(), child.pid(), start - 300_000, now + 5_000);
        assertThat(lease.canTakeOver(earlier, now)).isTrue();
        // Two JVMs may disagree on a start by seconds (each reads the boot time once, and it moves with clock steps).
        Holder seenByAnotherJvm = new Holder("other", ThisHost.name(), child.pid(), start - 6_000, now + 5_000);
        assertThat(lease.canTakeOver(seenByAnotherJvm, now)).isFalse();
    }

    @Test
    void aStoppedHolderLosesTheLeaseOnlyAfterItsLastLongPollEnded() throws Exception {
        child = new ProcessBuilder("sleep", "60").start();
        long pid = child.pid();
        long start = ThisHost.startMillis(pid).orElseThrow();
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor()).isZero();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!ThisHost.stopped(pid) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ThisHost.stopped(pid)).isTrue();
        long now = System.currentTimeMillis();
        Holder justRenewed = new Holder("other", ThisHost.name(), pid, start, now + PollerLease.LEASE_MILLIS);
        assertThat(lease.canTakeOver(justRenewed, now)).as("renewed just now").isFalse();
        long renewedLongAgo = now - PollerLease.STOPPED_HOLDER_MILLIS;
        Holder silent = new Holder("other", ThisHost.name(), pid, start, renewedLongAgo + PollerLease.LEASE_MILLIS);
        assertThat(lease.canTakeOver(silent, now)).as("renewed %d ms ago", PollerLease.STOPPED_HOLDER_MILLIS)
                .isTrue();
    }

    @Test
    void aHolderOnAnotherHostOrWithoutAPidWaitsForTheLeaseToRunOut() throws Exception {
        long now = System.currentTimeMillis();
        long gonePid = Long.MAX_VALUE / 2;
        assertThat(lease.canTakeOver(new Holder("other", ThisHost.name() + "-elsewhere", gonePid, 1, now + 5_000), now))
                .isFalse();
        assertThat(lease.canTakeOver(new Holder("other", null, 0, 0, now + 5_000), now)).isFalse();
        assertThat(lease.canTakeOver(new Holder(null, ThisHost.name(), gonePid, 1, 0), now)).as("free").isFalse();
    }

    @Test
    void aWaitingProcessTriesAgainJustAfterTheLeaseRunsOutOrWhenAStoppedHolderOfThisHostWouldLoseIt() {
        long now = 1_000_000;
        long until = now + 7_000; // renewed 5 s ago
        Holder elsewhere = new Holder("other", ThisHost.name() + "-elsewhere", 42, 1, until);
        assertThat(lease.onThisHost(elsewhere)).isFalse();
        assertThat(lease.nextTakeOverMillis(elsewhere, now)).hasValue(until + 1);
        assertThat(lease.nextTakeOverMillis(elsewhere, until)).hasValue(until + 1);
        assertThat(lease.nextTakeOverMillis(elsewhere, until + 1)).as("ran out: try now").isEmpty();

        Holder here = new Holder("other", ThisHost.name(), 42, 1, until);
        long stoppedLoses = until - PollerLease.LEASE_MILLIS + PollerLease.STOPPED_HOLDER_MILLIS;
        assertThat(lease.onThisHost(here)).isTrue();
        assertThat(lease.nextTakeOverMillis(here, now)).hasValue(Math.min(stoppedLoses, until + 1));
        assertThat(lease.nextTakeOverMillis(here, stoppedLoses)).as("a holder that was not stopped then")
                .hasValue(until + 1);
        assertThat(lease.onThisHost(new Holder(lease.owner(), ThisHost.name(), 42, 1, until))).as("this process")
                .isFalse();
        assertThat(lease.onThisHost(new Holder("other", ThisHost.name(), 0, 0, until))).as("no pid").isFalse();
    }
}
