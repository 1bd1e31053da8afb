package io.github.telegrammcp.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.config.BotToken;

class TelegramClientRetryTest {

    @Test
    void rateLimitWaitsRetryAfter() {
        assertThat(TelegramClient.retryDelayMillis(new TelegramApiException(429, "Too Many Requests: retry after 3", 3,
                false), 1, false)).isEqualTo(3100);
    }

    @Test
    void serverErrorsBackOffExponentially() {
        TelegramApiException e = new TelegramApiException(502, "Bad Gateway", null, false);
        assertThat(TelegramClient.retryDelayMillis(e, 1, false)).isEqualTo(500);
        assertThat(TelegramClient.retryDelayMillis(e, 3, false)).isEqualTo(2000);
        assertThat(TelegramClient.retryDelayMillis(e, 10, false)).isEqualTo(8000);
    }

    @Test
    void aSendThatMayHaveArrivedIsNeverRetried() {
        assertThat(TelegramClient.retryDelayMillis(TelegramApiException.network("timed out", true), 1, false))
                .isEqualTo(-1);
        assertThat(TelegramClient.retryDelayMillis(TelegramApiException.network("connection refused", false), 1,
                false)).isEqualTo(500);
    }

    @Test
    void clientErrorsAreNotRetried() {
        assertThat(TelegramClient.retryDelayMillis(new TelegramApiException(401, "Unauthorized", null, false), 1,
                true)).isEqualTo(-1);
        assertThat(TelegramClient.retryDelayMillis(new TelegramApiException(400, "Bad Request", null, false), 1,
                true)).isEqualTo(-1);
    }

    @Test
    void userMessagesSayWhatToDo() {
        assertThat(new TelegramApiException(401, "Unauthorized", null, false).userMessage())
                .contains("TELEGRAM_BOT_TOKEN");
        assertThat(new TelegramApiException(403, "Forbidden: bot was blocked by the user", null, false).userMessage())
                .contains("press Start");
        assertThat(TelegramApiException.network("timed out", true).userMessage()).contains("not resent");
    }

    @Test
    void tokenIsMaskedEverywhere() {
        BotToken token = new BotToken("123456:SECRETsecretSECRETsecret1234");
        assertThat(token.toString()).isEqualTo("123456:***");
        assertThat(token.redact("POST /bot123456:SECRETsecretSECRETsecret1234/sendMessage failed"))
                .isEqualTo("POST /bot123456:***/sendMessage failed");
    }

    @Test
    void pacerAllowsABurstThenOnePerSecond() {
        OutboundPacer.Bucket bucket = new OutboundPacer.Bucket();
        long now = System.currentTimeMillis();
        assertThat(bucket.reserve(now)).isZero();
        assertThat(bucket.reserve(now)).isZero();
        assertThat(bucket.reserve(now)).isZero();
        assertThat(bucket.reserve(now)).isEqualTo(OutboundPacer.INTERVAL_MILLIS);
        assertThat(bucket.reserve(now)).isEqualTo(2 * OutboundPacer.INTERVAL_MILLIS);
    }
}
