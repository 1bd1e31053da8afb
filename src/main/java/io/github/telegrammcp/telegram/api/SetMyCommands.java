package io.github.telegrammcp.telegram.api;

import java.util.List;
import java.util.Map;

/** Parameters of setMyCommands, scoped to one chat. */
public record SetMyCommands(List<BotCommand> commands, Map<String, Object> scope) {
}
