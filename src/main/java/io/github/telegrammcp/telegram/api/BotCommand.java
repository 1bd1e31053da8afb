package io.github.telegrammcp.telegram.api;

/** A command shown in the client's menu. */
public record BotCommand(String command, String description) {
}
