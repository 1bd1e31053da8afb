package io.github.telegrammcp.fake;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks a reply_markup the way Telegram does for inline keyboards. */
final class ReplyMarkupValidator {

    static final int MAX_CALLBACK_DATA_BYTES = 64;
    static final int MAX_BUTTONS = 100;
    private static final List<String> ACTIONS = List.of("callback_data", "url", "web_app", "login_url",
            "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
            "copy_text", "callback_game", "pay");

    private ReplyMarkupValidator() {
    }

    /** Returns the parsed markup (null when absent) or throws the Bot API's 400 answer. */
    static JsonNode validate(ApiRequest request) {
        JsonNode markup = request.json("reply_markup", "can't parse reply keyboard markup JSON object");
        if (markup == null) {
            return null;
        }
        if (!markup.isObject()) {
            throw BotApiError.badRequest("can't parse reply keyboard markup JSON object");
        }
        JsonNode keyboard = markup.get("inline_keyboard");
        if (keyboard == null) {
            // reply keyboards and force_reply are accepted without checks
            return markup;
        }
        if (!keyboard.isArray()) {
            throw BotApiError.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array");
        }
        int buttons = 0;
        for (JsonNode row : keyboard) {
            if (!row.isArray()) {
                throw BotApiError.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array "
                        + "of Arrays");
            }
            for (JsonNode button : row) {
                checkButton(button);
                buttons++;
            }
        }
        if (buttons > MAX_BUTTONS) {
            throw BotApiError.badRequest("REPLY_MARKUP_TOO_LONG");
        }
        return markup;
    }

    private static void checkButton(JsonNode button) {
        if (!button.isObject() || !button.path("text").isTextual()) {
            throw BotApiError.badRequest("can't parse inline keyboard button: Field \"text\" must be of type String");
        }
        if (ACTIONS.stream().noneMatch(button::has)) {
            throw BotApiError.badRequest(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
        JsonNode data = button.get("callback_data");
        if (data != null) {
            int bytes = data.asText().getBytes(StandardCharsets.UTF_8).length;
            if (!data.isTextual() || bytes == 0 || bytes > MAX_CALLBACK_DATA_BYTES) {
                throw BotApiError.badRequest("BUTTON_DATA_INVALID");
            }
        }
        JsonNode url = button.get("url");
        if (url != null && !url.asText().matches("(?i)(https?|tg)://\\S+")) {
            throw BotApiError.badRequest("inline keyboard button URL '" + url.asText() + "' is invalid: Wrong HTTP URL");
        }
    }
}
