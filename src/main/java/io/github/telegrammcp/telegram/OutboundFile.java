package io.github.telegrammcp.telegram;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to upload with sendPhoto or sendDocument: read from disk ({@code path}) or held in memory ({@code bytes}),
 * with the name and content type Telegram shows.
 */
public record OutboundFile(String fileName, String contentType, Path path, byte[] bytes, long size) {

    public OutboundFile {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        if ((path == null) == (bytes == null)) {
            throw new IllegalArgumentException("exactly one of path and bytes");
        }
        // A quote or a line break would end the multipart header early.
        fileName = fileName.replaceAll("[\"\\\\\\r\\n]", "_");
        bytes = bytes == null ? null : bytes.clone();
    }

    /** A file on disk of the given size. */
    public static OutboundFile ofPath(Path path, String fileName, String contentType, long size) {
        return new OutboundFile(fileName, contentType, path, null, size);
    }

    /** Content held in memory (generated files such as code snippets). */
    public static OutboundFile ofBytes(String fileName, String contentType, byte[] bytes) {
        return new OutboundFile(fileName, contentType, null, bytes, bytes.length);
    }

    @Override
    public byte[] bytes() {
        return bytes == null ? null : bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutboundFile that && fileName.equals(that.fileName)
                && contentType.equals(that.contentType) && Objects.equals(path, that.path)
                && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, contentType, path, java.util.Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "OutboundFile[" + fileName + ", " + contentType + ", " + size + " bytes]";
    }
}
