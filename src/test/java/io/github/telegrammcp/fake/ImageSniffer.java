package io.github.telegrammcp.fake;

/** Recognizes the image formats Telegram accepts as photos by their magic bytes, and reads their dimensions. */
final class ImageSniffer {

    /** Width and height in pixels. */
    record Size(int width, int height) {
    }

    private static final Size UNKNOWN = new Size(1280, 960);

    private ImageSniffer() {
    }

    static boolean isImage(byte[] b) {
        return isPng(b) || isJpeg(b) || isGif(b) || isWebp(b);
    }

    /** The image's size, or 1280x960 when it cannot be read from the header. */
    static Size sizeOf(byte[] b) {
        if (isPng(b) && b.length >= 24) {
            return positive(be32(b, 16), be32(b, 20));
        }
        if (isGif(b) && b.length >= 10) {
            return positive((b[6] & 0xff) | (b[7] & 0xff) << 8, (b[8] & 0xff) | (b[9] & 0xff) << 8);
        }
        if (isJpeg(b)) {
            return jpegSize(b);
        }
        return UNKNOWN;
    }

    private static Size jpegSize(byte[] b) {
        int p = 2;
        while (p + 9 < b.length) {
            if ((b[p] & 0xff) != 0xff) {
                return UNKNOWN;
            }
            int marker = b[p + 1] & 0xff;
            int length = (b[p + 2] & 0xff) << 8 | (b[p + 3] & 0xff);
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
                    && marker != 0xcc;
            if (startOfFrame) {
                int height = (b[p + 5] & 0xff) << 8 | (b[p + 6] & 0xff);
                int width = (b[p + 7] & 0xff) << 8 | (b[p + 8] & 0xff);
                return positive(width, height);
            }
            p += 2 + length;
        }
        return UNKNOWN;
    }

    private static Size positive(long width, long height) {
        return width > 0 && height > 0 && width < 100_000 && height < 100_000 ? new Size((int) width, (int) height)
                : UNKNOWN;
    }

    private static long be32(byte[] b, int at) {
        return (long) (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static boolean isPng(byte[] b) {
        return startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a);
    }

    private static boolean isJpeg(byte[] b) {
        return startsWith(b, 0, 0xff, 0xd8, 0xff);
    }

    private static boolean isGif(byte[] b) {
        return startsWith(b, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(b, 0, 'G', 'I', 'F', '8', '9', 'a');
    }

    private static boolean isWebp(byte[] b) {
        return startsWith(b, 0, 'R', 'I', 'F', 'F') && startsWith(b, 8, 'W', 'E', 'B', 'P');
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
