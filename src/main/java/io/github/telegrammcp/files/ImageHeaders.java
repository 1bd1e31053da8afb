package io.github.telegrammcp.files;

import java.util.Optional;

import io.github.telegrammcp.files.ImageInfo.Format;

/** Parses just enough of PNG, JPEG, GIF and WebP headers to know the format and the size in pixels. */
final class ImageHeaders {

    /** Enough for any PNG/GIF/WebP header and for JPEG files whose metadata before the frame is modest. */
    static final int HEAD_BYTES = 256 * 1024;

    private ImageHeaders() {
    }

    static Optional<ImageInfo> probe(byte[] b) {
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
            return Optional.of(sized(Format.PNG, b.length >= 24 ? be32(b, 16) : 0, b.length >= 24 ? be32(b, 20) : 0));
        }
        if (startsWith(b, 0, 0xff, 0xd8, 0xff)) {
            return Optional.of(jpeg(b));
        }
        if (startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(sized(Format.GIF, b.length >= 10 ? le16(b, 6) : 0, b.length >= 10 ? le16(b, 8) : 0));
        }
        if (startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(webp(b));
        }
        return Optional.empty();
    }

    private static ImageInfo jpeg(byte[] b) {
        int p = 2;
        while (p + 9 < b.length) {
            if ((b[p] & 0xff) != 0xff) {
                break;
            }
            int marker = b[p + 1] & 0xff;
            if (marker == 0xff) {
                p++; // fill byte
                continue;
            }
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
                    && marker != 0xcc;
            if (startOfFrame) {
                return sized(Format.JPEG, be16(b, p + 7), be16(b, p + 5));
            }
            p += 2 + be16(b, p + 2);
        }
        return new ImageInfo(Format.JPEG, 0, 0);
    }

    private static ImageInfo webp(byte[] b) {
        if (startsWith(b, 12, 'V', 'P', '8', ' ') && b.length >= 30) {
            return sized(Format.WEBP, le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'L') && b.length >= 25) {
            long bits = (b[21] & 0xff) | (b[22] & 0xff) << 8 | (b[23] & 0xff) << 16 | (long) (b[24] & 0xff) << 24;
            return sized(Format.WEBP, (int) (bits & 0x3fff) + 1, (int) (bits >> 14 & 0x3fff) + 1);
        }
        if (startsWith(b, 12, 'V', 'P', '8', 'X') && b.length >= 30) {
            return sized(Format.WEBP, le24(b, 24) + 1, le24(b, 27) + 1);
        }
        return new ImageInfo(Format.WEBP, 0, 0);
    }

    private static ImageInfo sized(Format format, long width, long height) {
        boolean plausible = width > 0 && height > 0 && width <= 1_000_000 && height <= 1_000_000;
        return plausible ? new ImageInfo(format, (int) width, (int) height) : new ImageInfo(format, 0, 0);
    }

    private static long be32(byte[] b, int at) {
        return (long) (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static int be16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int le24(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
    }

    private static boolean startsWith(byte[] b, int at, int... expected) {
        if (b.length < at + expected.length) {
            return false;
        }
        for (int k = 0; k < expected.length; k++) {
            if ((b[at + k] & 0xff) != expected[k]) {
                return false;
            }
        }
        return true;
    }
}
