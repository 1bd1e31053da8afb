package io.github.telegrammcp.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.telegram.TelegramApiException;

class TopicModeTest {

    @Test
    void missingOrBlankIsAutoAndCaseDoesNotMatter() {
        assertThat(TopicMode.parse(Optional.empty())).isEqualTo(new TopicMode.Parsed(TopicMode.AUTO, null));
        assertThat(TopicMode.parse(Optional.of("  "))).isEqualTo(new TopicMode.Parsed(TopicMode.AUTO, null));
        assertThat(TopicMode.parse(Optional.of(" On "))).isEqualTo(new TopicMode.Parsed(TopicMode.ON, null));
        assertThat(TopicMode.parse(Optional.of("OFF"))).isEqualTo(new TopicMode.Parsed(TopicMode.OFF, null));
    }

    @Test
    void anUnknownValueTurnsTopicsOffAndSaysWhatToWrite() {
        TopicMode.Parsed parsed = TopicMode.parse(Optional.of("yes"));
        assertThat(parsed.mode()).isEqualTo(TopicMode.OFF);
        assertThat(parsed.problem()).contains("TELEGRAM_TOPICS must be auto, on or off, got 'yes'");
    }

    @Test
    void threadRefusalsAreToldApartFromOtherErrors() {
        assertThat(new TelegramApiException(400, "Bad Request: message thread not found", null, false)
                .refusesThread()).isTrue();
        assertThat(new TelegramApiException(400, "Bad Request: TOPIC_CLOSED", null, false).refusesThread()).isTrue();
        assertThat(new TelegramApiException(400, "Bad Request: TOPIC_DELETED", null, false).refusesThread()).isTrue();
        assertThat(new TelegramApiException(400, "Bad Request: the chat is not a forum", null, false)
                .refusesThread()).isTrue();
        assertThat(new TelegramApiException(400, "Bad Request: chat not found", null, false).refusesThread())
                .isFalse();
        assertThat(new TelegramApiException(400, "Bad Request: can't parse entities", null, false).refusesThread())
                .isFalse();
        assertThat(new TelegramApiException(429, "Too Many Requests: retry after 3", 3, false).refusesThread())
                .isFalse();
        assertThat(TelegramApiException.network("timed out", true).refusesThread()).isFalse();
    }
}
