package io.github.telegrammcp.clients;

/** Our server's tools as the model calls them (Claude Code's spelling, see {@link ModelTurn}). */
public final class TelegramTools {

    public static final String NOTIFY = "mcp__telegram__telegram_notify";
    public static final String UNATTENDED = "mcp__telegram__telegram_unattended_mode";
    public static final String WAIT_REPLY = "mcp__telegram__telegram_wait_reply";
    public static final String ASK = "mcp__telegram__telegram_ask";

    private TelegramTools() {
    }
}
