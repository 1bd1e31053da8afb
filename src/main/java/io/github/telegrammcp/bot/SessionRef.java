package io.github.telegrammcp.bot;

/** A session as routing sees it. */
public record SessionRef(String id, String name, boolean live) {
}
