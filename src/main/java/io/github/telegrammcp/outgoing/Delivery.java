package io.github.telegrammcp.outgoing;

import java.util.List;

/**
 * What was sent for a file or image: the Telegram message ids (the file's first), the file name and size, whether it
 * went as a photo, and why not when a photo was asked for ({@code note}, empty otherwise).
 */
public record Delivery(List<Long> messageIds, String fileName, long size, boolean asPhoto, String note) {

    public Delivery {
        messageIds = List.copyOf(messageIds);
    }
}
