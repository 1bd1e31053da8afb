package io.github.telegrammcp.inbox;

/**
 * A photo, document or voice note the owner sent from the phone, downloaded by the receiving session when its wait
 * takes the message.
 *
 * @param kind photo, document or voice
 * @param fileId Telegram's file id
 * @param fileName the name to save it under
 * @param fileSize its size in bytes, if Telegram said
 */
public record Attachment(String kind, String fileId, String fileName, Long fileSize) {
}
