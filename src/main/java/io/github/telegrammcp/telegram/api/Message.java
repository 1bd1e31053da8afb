package io.github.telegrammcp.telegram.api;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A Telegram message (the fields this server uses). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Message(
        long messageId,
        User from,
        Chat chat,
        long date,
        String text,
        String caption,
        List<PhotoSize> photo,
        Document document,
        Voice voice,
        Message replyToMessage) {
}
