package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Parameters of editMessageText; a null markup removes the buttons. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EditMessageText(long chatId, long messageId, String text, String parseMode, InlineKeyboardMarkup replyMarkup,
        LinkPreviewOptions linkPreviewOptions) {
}
