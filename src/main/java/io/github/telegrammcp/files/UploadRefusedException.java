package io.github.telegrammcp.files;

/** A file that Telegram would not take (empty, or over the 50 MB bot upload limit); the message says what to do. */
public class UploadRefusedException extends RuntimeException {

    public UploadRefusedException(String message) {
        super(message);
    }
}
