package io.github.telegrammcp.telegram;

/** What Telegram accepts from and gives to a bot: every size limit the server checks, in one place. */
public final class TelegramLimits {

    /** A megabyte as Telegram counts it. */
    public static final long MB = 1024L * 1024L;
    /** Characters of a message's text, counted after entity parsing. */
    public static final int TEXT_CHARS = 4096;
    /** Characters of a photo's or document's caption, counted after entity parsing. */
    public static final int CAPTION_CHARS = 1024;
    /** Largest photo upload; larger images go as documents. */
    public static final long PHOTO_BYTES = 10 * MB;
    /** Photos more elongated than this are refused (PHOTO_INVALID_DIMENSIONS). */
    public static final double PHOTO_MAX_ASPECT = 20;
    /** Photos whose width and height add up to more than this are refused. */
    public static final int PHOTO_MAX_SIDES = 10_000;
    /** Largest upload of any file by a bot. */
    public static final long UPLOAD_BYTES = 50 * MB;
    /** Largest file a bot may download (getFile). */
    public static final long DOWNLOAD_BYTES = 20 * MB;

    private TelegramLimits() {
    }
}
