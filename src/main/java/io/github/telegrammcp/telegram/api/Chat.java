package io.github.telegrammcp.telegram.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A chat: private, group, supergroup or channel; {@code isForum} is true for a supergroup with topics. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Chat(long id, String type, String title, String username, String firstName, Boolean isForum) {

    public Chat(long id, String type, String title, String username, String firstName) {
        this(id, type, title, username, firstName, null);
    }

    /** True for group and supergroup chats, where several people may write. */
    public boolean isGroup() {
        return "group".equals(type) || "supergroup".equals(type);
    }

    /** True for a supergroup whose topics are switched on. */
    public boolean forum() {
        return Boolean.TRUE.equals(isForum);
    }
}
