package io.github.telegrammcp.fake;

import java.util.List;
import java.util.Locale;

import io.github.telegrammcp.fake.BotApiTypes.MessageEntity;

/** A text or caption after its parse_mode was applied: what Telegram shows and the entities it derived. */
record FormattedText(String raw, String parseMode, String visible, List<MessageEntity> entities) {

    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;

    /**
     * Applies the parse mode. HTML goes through {@link TelegramHtmlValidator}; Markdown modes are accepted as plain
     * text (the fake does not check them).
     */
    static FormattedText parse(String raw, String parseMode) {
        String text = raw == null ? "" : raw;
        if (parseMode == null || parseMode.isEmpty()) {
            return new FormattedText(raw, null, text, List.of());
        }
        switch (parseMode.toLowerCase(Locale.ROOT)) {
            case "html" -> {
                try {
                    TelegramHtmlValidator.Parsed parsed = TelegramHtmlValidator.parseWithEntities(text);
                    return new FormattedText(raw, parseMode, parsed.text(), parsed.entities());
                } catch (TelegramHtmlValidator.ParseException e) {
                    throw BotApiError.badRequest("can't parse entities: " + e.getMessage());
                }
            }
            case "markdown", "markdownv2" -> {
                return new FormattedText(raw, parseMode, text, List.of());
            }
            default -> throw BotApiError.badRequest("unsupported parse_mode");
        }
    }

    /** Checks a message text: not empty, at most 4096 UTF-16 units once parsed. */
    FormattedText requireMessageText() {
        if (visible.isBlank()) {
            throw BotApiError.badRequest("message text is empty");
        }
        if (visible.length() > MAX_TEXT) {
            throw BotApiError.badRequest("message is too long");
        }
        return this;
    }

    /** Checks a caption: at most 1024 UTF-16 units once parsed. */
    FormattedText requireCaption() {
        if (visible.length() > MAX_CAPTION) {
            throw BotApiError.badRequest("message caption is too long");
        }
        return this;
    }
}
