package io.github.telegrammcp.files;

import java.util.Optional;

/**
 * What the first bytes of an image say: its format and, when the header tells, its size in pixels (0 when unknown).
 */
public record ImageInfo(Format format, int width, int height) {

    /** How much of a file {@link #probe} needs: any PNG/GIF/WebP header, JPEG files with modest metadata. */
    public static final int HEAD_BYTES = ImageHeaders.HEAD_BYTES;

    /** The image formats Telegram shows as photos. */
    public enum Format {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }
    }

    /** True when both dimensions were read from the header. */
    public boolean hasSize() {
        return width > 0 && height > 0;
    }

    /** Longer side divided by shorter side; 1 when the size is unknown. */
    public double aspectRatio() {
        return hasSize() ? (double) Math.max(width, height) / Math.min(width, height) : 1;
    }

    /** Reads the format (by magic bytes, not by file name) and the size from the start of a file. */
    public static Optional<ImageInfo> probe(byte[] head) {
        return ImageHeaders.probe(head);
    }
}
