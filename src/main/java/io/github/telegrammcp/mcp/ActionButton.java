package io.github.telegrammcp.mcp;

/**
 * One button of telegram_notify_with_actions.
 *
 * @param text the button's label
 * @param action the instruction sent to this session when the owner presses it
 * @param emoji an optional emoji shown before the label
 */
public record ActionButton(String text, String action, String emoji) {
}
