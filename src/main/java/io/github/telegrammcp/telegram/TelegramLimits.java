package io.github.telegrammcp.telegram;

import java.nio.charset.StandardCharsets;

/**
 * Telegram's limits, in one place, and the checks of what arrives against them. Telegram counts a message's length in
 * characters; the state store (H2) counts a column's length in UTF-16 units, where an emoji outside the Basic
 * Multilingual Plane takes two. So every column that holds what the owner sends is at least {@link #UTF16_PER_CHARACTER}
 * times the limit wide, and anything longer than the limit is refused before it reaches the database.
 */
public final class TelegramLimits {

    /** A megabyte as Telegram counts it. */
    public static final long MB = 1024L * 1024L;
    /** Characters of a text message, counted after entity parsing. */
    public static final int TEXT_CHARACTERS = 4096;
    /** Characters of a photo's or document's caption, counted after entity parsing. */
    public static final int CAPTION_CHARACTERS = 1024;
    /** Bytes of an inline button's callback data. */
    public static final int CALLBACK_DATA_BYTES = 64;
    /** Characters of a file name this server accepts (Telegram documents none; real names are far shorter). */
    public static final int FILE_NAME_CHARACTERS = 1024;
    /** Characters of a file id this server accepts (Telegram documents none; real ids have about 80). */
    public static final int FILE_ID_CHARACTERS = 1024;
    /** The most UTF-16 units one character takes; column widths allow for it. */
    public static final int UTF16_PER_CHARACTER = 2;

    /** Bots download files of at most 20 MB (getFile). */
    public static final long DOWNLOAD_BYTES = 20 * MB;
    /** Bots upload files of at most 50 MB. */
    public static final long UPLOAD_BYTES = 50 * MB;
    /** Photos of at most 10 MB are shown inline; larger images go as documents. */
    public static final long PHOTO_BYTES = 10 * MB;
    /** Photos more elongated than this are refused (PHOTO_INVALID_DIMENSIONS). */
    public static final double PHOTO_MAX_ASPECT = 20;
    /** Photos whose width and height add up to more than this are refused. */
    public static final int PHOTO_MAX_SIDES = 10_000;

    private TelegramLimits() {
    }

    /** Characters as Telegram counts them (Unicode code points: an astral emoji is one). */
    public static int characters(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** UTF-8 bytes, as Telegram counts callback data. */
    public static int utf8Bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
