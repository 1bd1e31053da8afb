package io.github.telegrammcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LinePreviewTest {

    static final String TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    static String preview(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return LinePreview.of(bytes, bytes.length, bytes.length);
    }

    @Test
    void showsAShortLineWholeOnOneLine() {
        assertThat(preview("{\"a\":\"x\ty\"}\r")).isEqualTo("\"{\\\"a\\\":\\\"x\\u0009y\\\"}\\u000d\"");
    }

    @Test
    void cutsAt200CharactersAndSaysHowLongTheLineWas() {
        String shown = preview("é".repeat(1000));
        assertThat(shown).startsWith("\"" + "é".repeat(200) + "\"… (2000 bytes)");
    }

    @Test
    void masksBotTokensAnywhereIncludingAcrossTheCut() {
        assertThat(preview("{\"token\":\"" + TOKEN + "\"}")).doesNotContain("AAHdq").contains("123456789:***");
        for (int at = 150; at < 200; at++) {
            String shown = preview("x".repeat(at) + TOKEN + "y".repeat(300));
            assertThat(shown).as("token at %d", at).doesNotContain("AAH").doesNotContain("PALD");
        }
    }
}
