package io.github.telegrammcp.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

/** Real images for tests: PNG, JPEG and GIF drawn with ImageIO, WebP headers built by hand (ImageIO cannot write it). */
public final class TestImages {

    private TestImages() {
    }

    /** An image in {@code png}, {@code jpg} or {@code gif}, or a lossless WebP header for {@code webp}. */
    public static byte[] image(String format, int width, int height) {
        if (format.equals("webp")) {
            return webpLossless(width, height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.drawLine(0, 0, width - 1, height - 1);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A RIFF/WEBP container with a VP8L header for the given size (enough for every header reader). */
    static byte[] webpLossless(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(56);
        b.put("WEBPVP8L".getBytes(StandardCharsets.US_ASCII)).putInt(44);
        b.put((byte) 0x2f);
        long bits = (width - 1) & 0x3fff | ((long) (height - 1) & 0x3fff) << 14;
        b.putInt((int) bits);
        return b.array();
    }
}
