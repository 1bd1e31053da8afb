package io.github.telegrammcp.telegram;

import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.telegram.api.Update;

/**
 * One update as getUpdates delivered it: its id, its raw JSON, and the {@link Update} read from it, or why it could
 * not be read. Each update is read on its own, so one the server cannot read holds up no other.
 *
 * @param updateId the update's id, or -1 when it has none
 * @param update the update, or null when it could not be read
 * @param json the raw JSON, as received
 * @param unreadable why the update could not be read, or null
 */
public record ReceivedUpdate(long updateId, Update update, String json, String unreadable) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Reads each element of a getUpdates result on its own. */
    public static List<ReceivedUpdate> read(List<JsonNode> nodes) {
        return nodes == null ? List.of() : nodes.stream().map(ReceivedUpdate::read).toList();
    }

    static ReceivedUpdate read(JsonNode node) {
        long id = node.path("update_id").canConvertToLong() ? node.path("update_id").asLong() : -1;
        try {
            return new ReceivedUpdate(id, JSON.treeToValue(node, Update.class), node.toString(), null);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            // Jackson adds the source location and reference chain on further lines; the first says what failed.
            int newline = reason.indexOf('\n');
            return new ReceivedUpdate(id, null, node.toString(), newline < 0 ? reason : reason.substring(0, newline));
        }
    }
}
