package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThisHostTest {

    private Process child;
    private long childStart;

    @BeforeEach
    void startChild() throws Exception {
        child = new ProcessBuilder("sleep", "60").start();
        childStart = ThisHost.startMillis(child.pid()).orElseThrow();
    }

    @AfterEach
    void stopChild() throws Exception {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aProcessThatWroteItsRowAfterItStartedIsAlive() {
        assertThat(ThisHost.alive(child.pid(), childStart + 1_000)).isTrue();
        assertThat(ThisHost.alive(ProcessHandle.current().pid(), 0)).isTrue();
        assertThat(ThisHost.gone(child.pid())).isFalse();
        assertThat(ThisHost.gone(ProcessHandle.current().pid())).isFalse();
    }

    @Test
    void aStartSomeSecondsAfterTheRowStillCountsAsTheSameProcess() {
        // Two JVMs' views of one start differ by as much as the wall clock was stepped in between.
        assertThat(ThisHost.alive(child.pid(), childStart - 10_000)).isTrue();
        assertThat(ThisHost.runs(child.pid(), childStart - 10_000)).isTrue();
    }

    @Test
    void aProcessThatStartedLongAfterTheRowReusesThePid() {
        assertThat(ThisHost.alive(child.pid(), childStart - 120_000)).isFalse();
        assertThat(ThisHost.runs(child.pid(), childStart - 120_000)).isFalse();
    }

    @Test
    void anEndedProcessIsNotAlive() throws Exception {
        child.destroyForcibly();
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ThisHost.alive(child.pid(), childStart + 1_000)).isFalse();
        assertThat(ThisHost.runs(child.pid(), childStart)).isFalse();
        assertThat(ThisHost.gone(child.pid())).isTrue();
    }
}
