package io.github.telegrammcp.fake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides, as Telegram's servers do by decoding the upload, whether bytes are a photo and how large it is. The JDK's
 * image readers (PNG, JPEG, GIF) do the work; WebP, which they cannot read, is recognised by its RIFF container with
 * the "WEBP" form type and given a default size.
 */
final class PhotoDecoder {

    /** Width and height in pixels. */
    record Size(int width, int height) {
    }

    /** What Telegram would show when it cannot tell the size: a 4:3 picture. */
    static final Size DEFAULT = new Size(1280, 960);

    private PhotoDecoder() {
    }

    static boolean isImage(byte[] bytes) {
        return isWebp(bytes) || read(bytes) != null;
    }

    /** The picture's size, or {@link #DEFAULT} when it cannot be decoded. */
    static Size sizeOf(byte[] bytes) {
        Size size = read(bytes);
        return size == null ? DEFAULT : size;
    }

    private static Size read(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A RIFF file (bytes 0-3 "RIFF") whose form type (bytes 8-11) is "WEBP". */
    private static boolean isWebp(byte[] bytes) {
        return bytes.length >= 12
                && "RIFF".equals(new String(Arrays.copyOfRange(bytes, 0, 4), StandardCharsets.US_ASCII))
                && "WEBP".equals(new String(Arrays.copyOfRange(bytes, 8, 12), StandardCharsets.US_ASCII));
    }
}
