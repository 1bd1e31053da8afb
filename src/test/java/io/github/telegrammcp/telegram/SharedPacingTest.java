package io.github.telegrammcp.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedPacingTest {

    @TempDir
    Path dir;

    @Test
    void twoProcessesShareOneBucketPerChat() throws Exception {
        Path file = dir.resolve("outbound-pacing");
        SharedPacing first = new SharedPacing(file);
        SharedPacing second = new SharedPacing(file);
        long now = 1_000_000;
        assertThat(first.reserve(42, now, 3, 1000)).isZero();
        assertThat(second.reserve(42, now, 3, 1000)).isZero();
        assertThat(first.reserve(42, now, 3, 1000)).isZero();
        // The burst is spent across both: the next sends queue one interval apart, whoever sends them.
        assertThat(second.reserve(42, now, 3, 1000)).isEqualTo(1000);
        assertThat(first.reserve(42, now, 3, 1000)).isEqualTo(2000);
        assertThat(second.reserve(7, now, 3, 1000)).as("another chat has its own bucket").isZero();
    }

    @Test
    void threadsOfOneProcessTakeTurnsOnTheFileLock() throws Exception {
        SharedPacing pacing = new SharedPacing(dir.resolve("outbound-pacing"));
        long now = 9_000_000;
        java.util.List<Long> waits = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(new Thread(() -> {
                try {
                    waits.add(pacing.reserve(3, now, 3, 1000));
                } catch (Exception e) {
                    waits.add(-1L);
                }
            }));
            threads.get(threads.size() - 1).start();
        }
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertThat(waits).containsExactlyInAnyOrder(0L, 0L, 0L, 1000L, 2000L, 3000L, 4000L, 5000L);
    }

    @Test
    void tokensRefillWithTime() throws Exception {
        SharedPacing pacing = new SharedPacing(dir.resolve("outbound-pacing"));
        long now = 5_000_000;
        for (int i = 0; i < 3; i++) {
            pacing.reserve(1, now, 3, 1000);
        }
        assertThat(pacing.reserve(1, now + 2000, 3, 1000)).isZero();
        assertThat(pacing.reserve(1, now + 2000, 3, 1000)).isZero();
        assertThat(pacing.reserve(1, now + 2000, 3, 1000)).isEqualTo(1000);
    }

    @Test
    void aDamagedFileStartsAFullBucket() throws Exception {
        Path file = dir.resolve("outbound-pacing");
        Files.writeString(file, "garbage\n42 x y\n");
        assertThat(new SharedPacing(file).reserve(42, 10, 3, 1000)).isZero();
    }
}
