package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Parameters of sendMessage; {@code messageThreadId} names the topic to post in (null: the main chat). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SendMessage(
        long chatId,
        String text,
        String parseMode,
        InlineKeyboardMarkup replyMarkup,
        ReplyParameters replyParameters,
        LinkPreviewOptions linkPreviewOptions,
        Long messageThreadId) {

    public SendMessage(long chatId, String text, String parseMode, InlineKeyboardMarkup replyMarkup,
            ReplyParameters replyParameters, LinkPreviewOptions linkPreviewOptions) {
        this(chatId, text, parseMode, replyMarkup, replyParameters, linkPreviewOptions, null);
    }

    /** An HTML message without buttons and without link previews. */
    public static SendMessage html(long chatId, String html) {
        return new SendMessage(chatId, html, "HTML", null, null, LinkPreviewOptions.DISABLED);
    }

    /** The same message as plain text: the fallback when Telegram rejects the HTML. */
    public SendMessage asPlainText(String plain) {
        return new SendMessage(chatId, plain, null, replyMarkup, replyParameters, linkPreviewOptions, messageThreadId);
    }

    /** The same message with buttons. */
    public SendMessage withMarkup(InlineKeyboardMarkup markup) {
        return new SendMessage(chatId, text, parseMode, markup, replyParameters, linkPreviewOptions, messageThreadId);
    }

    /** The same message as a reply. */
    public SendMessage replyingTo(long messageId) {
        return new SendMessage(chatId, text, parseMode, replyMarkup, new ReplyParameters(messageId, true),
                linkPreviewOptions, messageThreadId);
    }

    /** The same message in a topic ({@code threadId} null: the main chat). */
    public SendMessage inThread(Long threadId) {
        return new SendMessage(chatId, text, parseMode, replyMarkup, replyParameters, linkPreviewOptions, threadId);
    }
}
