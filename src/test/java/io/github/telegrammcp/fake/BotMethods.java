package io.github.telegrammcp.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.telegrammcp.fake.BotApiTypes.BotCommand;

/** getMe, getUpdates, the webhook and command methods, and answerCallbackQuery. */
final class BotMethods {

    private static final int MAX_POLL_SECONDS = 600;

    private final BotState state;

    BotMethods(BotState state) {
        this.state = state;
    }

    void register(Map<String, MethodHandler> table) {
        table.put("getMe", request -> getMe());
        table.put("getUpdates", this::getUpdates);
        table.put("deleteWebhook", this::deleteWebhook);
        table.put("getWebhookInfo", request -> webhookInfo());
        table.put("setMyCommands", this::setMyCommands);
        table.put("deleteMyCommands", this::deleteMyCommands);
        table.put("getMyCommands", request -> state.commands());
        table.put("answerCallbackQuery", this::answerCallbackQuery);
    }

    private Map<String, Object> getMe() {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("id", state.bot.id());
        me.put("is_bot", true);
        me.put("first_name", state.bot.firstName());
        me.put("username", state.bot.username());
        me.put("can_join_groups", true);
        me.put("can_read_all_group_messages", false);
        me.put("supports_inline_queries", false);
        // Bot API 9.3/9.4: threaded mode in @BotFather gives the bot's private chats topics.
        me.put("has_topics_enabled", state.topics.privateTopics());
        me.put("allows_users_to_create_topics", state.topics.privateTopics());
        return me;
    }

    private List<Object> getUpdates(ApiRequest request) {
        JsonNode allowed = request.json("allowed_updates", "can't parse allowed_updates JSON array");
        Set<String> allowedTypes = null;
        if (allowed != null) {
            allowedTypes = new LinkedHashSet<>();
            for (JsonNode type : allowed) {
                allowedTypes.add(type.asText());
            }
        }
        int timeout = Math.min(MAX_POLL_SECONDS, request.intValue("timeout", 0));
        return state.updates.poll(request.longValue("offset"), request.intValue("limit", 100), timeout, allowedTypes)
                .stream().<Object> map(u -> u.raw() != null ? u.raw() : u).toList();
    }

    private Boolean deleteWebhook(ApiRequest request) {
        if (request.bool("drop_pending_updates")) {
            state.updates.clearPending();
        }
        return Boolean.TRUE;
    }

    private Map<String, Object> webhookInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("url", "");
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", state.updates.pending().size());
        return info;
    }

    private Boolean setMyCommands(ApiRequest request) {
        JsonNode commands = request.json("commands", "can't parse commands JSON object");
        if (commands == null || !commands.isArray()) {
            throw BotApiError.badRequest("parameter \"commands\" is required");
        }
        if (commands.size() > 100) {
            throw BotApiError.badRequest("BOT_COMMANDS_TOO_MUCH");
        }
        List<BotCommand> parsed = new ArrayList<>();
        for (JsonNode command : commands) {
            String name = command.path("command").asText("");
            String description = command.path("description").asText("");
            if (!name.matches("[a-z0-9_]{1,32}")) {
                throw BotApiError.badRequest("BOT_COMMAND_INVALID");
            }
            if (description.isBlank() || description.length() > 256) {
                throw BotApiError.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
            parsed.add(new BotCommand(name, description));
        }
        state.commands(parsed, request.string("scope"));
        return Boolean.TRUE;
    }

    private Boolean deleteMyCommands(ApiRequest request) {
        state.commands(List.of(), request.string("scope"));
        return Boolean.TRUE;
    }

    private Boolean answerCallbackQuery(ApiRequest request) {
        String id = request.string("callback_query_id");
        if (!state.closeCallback(id)) {
            throw BotApiError.badRequest("query is too old and response timeout expired or query ID is invalid");
        }
        state.recorder.answer(new AnsweredCallback(id, request.string("text"), request.bool("show_alert"),
                Instant.now()));
        return Boolean.TRUE;
    }
}
