package io.github.telegrammcp.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Locale;

/**
 * A private copy of a file taken for one upload, so that what is checked (size, image header) and reported is exactly
 * what is sent, even when the file is being written meanwhile. The copy stops one byte past {@code limit}: a file that
 * grows beyond Telegram's limit while it is read is refused, not sent cut. The copy lives in the temporary directory,
 * readable only by this user, and is deleted by {@link #close()}.
 */
public final class FileSnapshot implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path copy;
    private final long size;
    private final byte[] head;
    private final String change;

    private FileSnapshot(Path copy, long size, byte[] head, String change) {
        this.copy = copy;
        this.size = size;
        this.head = head;
        this.change = change;
    }

    /**
     * Copies {@code file}, reading at most {@code limit} + 1 bytes.
     *
     * @param file the file to send
     * @param shown how the file is named in messages
     * @param limit the largest size that may be sent
     * @param headBytes how many leading bytes to keep for content checks
     * @throws UploadRefusedException when the file is empty or larger than {@code limit} (before or while reading)
     * @throws UncheckedIOException when the file or the copy cannot be read or written
     */
    public static FileSnapshot take(Path file, String shown, long limit, int headBytes) {
        return take(file, shown, limit, headBytes, () -> {
        });
    }

    /** As {@link #take(Path, String, long, int)}; {@code beforeRead} runs between the first look and the read (tests). */
    static FileSnapshot take(Path file, String shown, long limit, int headBytes, Runnable beforeRead) {
        Path copy = null;
        try {
            long sizeBefore = Files.size(file);
            FileTime modifiedBefore = Files.getLastModifiedTime(file);
            if (sizeBefore > limit) {
                throw tooLarge(shown, sizeBefore, limit);
            }
            beforeRead.run();
            copy = Files.createTempFile("telegram-mcp-upload-", ".part");
            long copied = 0;
            byte[] head = new byte[headBytes];
            int headLength = 0;
            try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(copy)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - copied))) > 0) {
                    if (headLength < headBytes) {
                        int take = Math.min(n, headBytes - headLength);
                        System.arraycopy(buffer, 0, head, headLength, take);
                        headLength += take;
                    }
                    out.write(buffer, 0, n);
                    copied += n;
                    if (copied > limit) {
                        throw new UploadRefusedException(shown + " grew past " + limitText(limit) + " while it was being"
                                + " read (it had " + bytes(sizeBefore) + " when the send started), so nothing was"
                                + " sent: Telegram bots can send at most " + limitText(limit) + ". Wait until it is"
                                + " complete, then compress or split it (e.g. `split -b 45m`).");
                    }
                }
            }
            if (copied == 0) {
                throw new UploadRefusedException(shown + " is empty (0 bytes)" + (sizeBefore > 0 ? " now (it had "
                        + sizeBefore + " bytes when the send started)" : "") + "; Telegram does not accept empty files.");
            }
            long sizeAfter = Files.size(file);
            boolean touched = !Files.getLastModifiedTime(file).equals(modifiedBefore);
            String change = "";
            if (copied != sizeBefore || sizeAfter != copied || touched) {
                change = shown + " changed while it was being read: it had " + bytes(sizeBefore) + " when the send"
                        + " started, " + bytes(copied) + " were read and sent, and it has " + bytes(sizeAfter) + " now."
                        + " If it was still being written, send it again once it is complete.";
            }
            FileSnapshot snapshot = new FileSnapshot(copy, copied, Arrays.copyOf(head, headLength), change);
            copy = null;
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (copy != null) {
                deleteQuietly(copy);
            }
        }
    }

    /** The copy to upload. */
    public Path path() {
        return copy;
    }

    /** Bytes read and copied: what is sent. */
    public long size() {
        return size;
    }

    /** The first bytes, for content checks. */
    public byte[] head() {
        return head.clone();
    }

    /** How the file changed while it was read, in a sentence; empty when it did not. */
    public String change() {
        return change;
    }

    @Override
    public void close() {
        deleteQuietly(copy);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A leftover in the temporary directory; nothing to do about it here.
        }
    }

    private static UploadRefusedException tooLarge(String shown, long size, long limit) {
        return new UploadRefusedException(shown + " is " + megabytes(size) + "; Telegram bots can send files of at most "
                + limitText(limit) + ". Compress it, send a smaller excerpt, or split it (e.g. `split -b 45m`) and send"
                + " the parts.");
    }

    private static String limitText(long limit) {
        return limit % (1024 * 1024) == 0 ? limit / (1024 * 1024) + " MB" : bytes(limit);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** A size as people read it: "10 bytes", "2.5 KB", "30.0 MB". */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return megabytes(bytes);
    }
}
