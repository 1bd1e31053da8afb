package io.github.telegrammcp.telegram;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Remembers whether Telegram accepts the bot token (getMe), so that every tool, waits included, reports a wrong token
 * at once instead of waiting for messages that can never come. Network failures say nothing about the token and do
 * not block tools.
 */
@ApplicationScoped
public class TokenCheck {

    static final long ACCEPTED_FOR_MILLIS = 5 * 60_000;
    static final long REJECTED_FOR_MILLIS = 10_000;

    private final TelegramClient client;
    private volatile long checkedAt;
    private volatile TelegramApiException rejection;

    @Inject
    public TokenCheck(TelegramClient client) {
        this.client = client;
    }

    /** Throws Telegram's 401 when the token was rejected; checks again at most every few seconds or minutes. */
    public void requireAccepted() {
        long now = System.currentTimeMillis();
        long validFor = rejection == null ? ACCEPTED_FOR_MILLIS : REJECTED_FOR_MILLIS;
        if (checkedAt == 0 || now - checkedAt > validFor) {
            refresh(now);
        }
        TelegramApiException rejected = rejection;
        if (rejected != null) {
            throw rejected;
        }
    }

    private synchronized void refresh(long now) {
        if (checkedAt != 0 && now - checkedAt <= (rejection == null ? ACCEPTED_FOR_MILLIS : REJECTED_FOR_MILLIS)) {
            return;
        }
        try {
            client.getMeOnce();
            rejection = null;
            checkedAt = now;
        } catch (TelegramApiException e) {
            if (e.isUnauthorized()) {
                rejection = e;
                checkedAt = now;
            } else {
                // Network down or 5xx: unknown; ask again in a few seconds rather than slow down every call.
                checkedAt = now - (rejection == null ? ACCEPTED_FOR_MILLIS : REJECTED_FOR_MILLIS) + REJECTED_FOR_MILLIS;
            }
        }
    }
}
