package io.github.telegrammcp.outgoing;

import java.util.List;

/**
 * What was sent for a file or image: the Telegram message ids (the file's first), the file name, the bytes actually
 * sent, whether it went as a photo, and why not when a photo was asked for ({@code note}, empty otherwise);
 * {@code change} says how the file changed while it was read (empty when it did not), {@code unrecorded} why the
 * messages could not be recorded for reply routing (null when they were).
 */
public record Delivery(List<Long> messageIds, String fileName, long size, boolean asPhoto, String note, String change,
        String unrecorded) {

    public Delivery {
        messageIds = List.copyOf(messageIds);
    }
}
