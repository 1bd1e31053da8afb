package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A chat: private, group, supergroup or channel. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Chat(long id, String type, String title, String username, String firstName) {

    /** True for group and supergroup chats, where several people may write. */
    public boolean isGroup() {
        return "group".equals(type) || "supergroup".equals(type);
    }
}
