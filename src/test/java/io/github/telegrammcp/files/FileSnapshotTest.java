package io.github.telegrammcp.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload sends, checks and reports the bytes it actually read, even when the file changes meanwhile. */
class FileSnapshotTest {

    static final long MB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aSteadyFileIsCopiedWholeAndReportedUnchanged() throws IOException {
        Path file = Files.write(dir.resolve("report.txt"), "hello".getBytes());
        try (FileSnapshot snapshot = FileSnapshot.take(file, "report.txt", 50 * MB, 3)) {
            assertThat(snapshot.size()).isEqualTo(5);
            assertThat(snapshot.head()).containsExactly('h', 'e', 'l');
            assertThat(Files.readString(snapshot.path())).isEqualTo("hello");
            assertThat(snapshot.change()).isEmpty();
            assertThat(snapshot.path()).isNotEqualTo(file);
        }
    }

    @Test
    void theCopyIsPrivateAndGoneAfterTheUpload() throws IOException {
        Path file = Files.write(dir.resolve("a.bin"), new byte[] { 1, 2, 3 });
        Path copy;
        try (FileSnapshot snapshot = FileSnapshot.take(file, "a.bin", 50 * MB, 0)) {
            copy = snapshot.path();
            assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(copy).doesNotExist();
    }

    @Test
    void aFileCutWhileItIsReadIsReportedWithTheBytesSent() throws IOException {
        Path file = dir.resolve("big.log");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(30 * MB);
        }
        try (FileSnapshot snapshot = FileSnapshot.take(file, "big.log", 50 * MB, 0, () -> truncate(file, 10))) {
            assertThat(snapshot.size()).isEqualTo(10);
            assertThat(snapshot.change()).isEqualTo("big.log changed while it was being read: it had 30.0 MB when the"
                    + " send started, 10 bytes were read and sent, and it has 10 bytes now. If it was still being"
                    + " written, send it again once it is complete.");
        }
    }

    @Test
    void aFileThatGrowsPastTheLimitWhileItIsReadIsRefusedNotCut() throws IOException {
        Path file = Files.write(dir.resolve("growing.bin"), new byte[100]);
        assertThatThrownBy(() -> FileSnapshot.take(file, "growing.bin", 1000, 0, () -> append(file, 5000)))
                .isInstanceOf(UploadRefusedException.class)
                .hasMessageStartingWith("growing.bin grew past 1000 bytes while it was being read (it had 100 bytes");
    }

    @Test
    void aDeviceThatNeverEndsStopsOneBytePastTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        assertThatThrownBy(() -> FileSnapshot.take(zero, "/dev/zero", 2 * MB, 0))
                .isInstanceOf(UploadRefusedException.class).hasMessageContaining("grew past 2 MB");
    }

    @Test
    void emptyAndOversizedFilesAreRefusedBeforeAnythingIsSent() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.txt"));
        assertThatThrownBy(() -> FileSnapshot.take(empty, "empty.txt", 50 * MB, 0))
                .isInstanceOf(UploadRefusedException.class).hasMessageContaining("is empty (0 bytes)");
        Path emptied = Files.write(dir.resolve("emptied.txt"), new byte[10]);
        assertThatThrownBy(() -> FileSnapshot.take(emptied, "emptied.txt", 50 * MB, 0, () -> truncate(emptied, 0)))
                .hasMessageContaining("is empty (0 bytes) now (it had 10 bytes when the send started)");
        Path big = dir.resolve("big.bin");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(51 * MB);
        }
        assertThatThrownBy(() -> FileSnapshot.take(big, "big.bin", 50 * MB, 0))
                .hasMessageContaining("51.0 MB").hasMessageContaining("at most 50 MB");
    }

    static void truncate(Path file, long size) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void append(Path file, int bytes) {
        try {
            Files.write(file, new byte[bytes], java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
