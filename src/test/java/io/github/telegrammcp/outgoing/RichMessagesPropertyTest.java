package io.github.telegrammcp.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

import io.github.telegrammcp.fake.TelegramHtmlValidator;
import io.github.telegrammcp.telegram.render.CodeMessage;
import io.github.telegrammcp.telegram.render.MarkdownRenderer;

/**
 * Generated inputs (fixed seeds) through the exact composition the tools use, checked with the fake Bot API's own HTML
 * validator: every message Telegram would get is valid, at most 4096 characters, names the session, and together the
 * messages carry all of the text.
 */
class RichMessagesPropertyTest {

    static final String NAME = "app<&>-2";
    static final String LABEL = "<b>[app&lt;&amp;&gt;-2]</b>";
    /** The snippet's blocks; captions (Markdown) may hold code blocks too, never in these languages. */
    static final Pattern PRE = Pattern.compile("<pre><code class=\"language-(?:java|q)\">(.*?)</code></pre>",
            Pattern.DOTALL);

    int codeCases;
    int codeDocuments;
    int markdownCases;
    int messagesChecked;

    @Test
    void generatedCodeIsValidMessagesCarryingEveryCharacterOrAnExactFile(TestReporter report) {
        String header = CodeDelivery.header(NAME);
        for (int seed = 0; seed < 400; seed++) {
            RandomText text = new RandomText(seed);
            int length = seed % 50 == 0 ? 100_000 : 20 + text.random().nextInt(seed % 5 == 0 ? 16_000 : 4_000);
            String code = text.code(length);
            if (code.isBlank()) {
                continue;
            }
            String caption = text.random().nextInt(3) == 0 ? null : text.markdown(text.random().nextInt(1500));
            CodeMessage formatted = CodeDelivery.format(header, code, seed % 7 == 0 ? "\"><q>" : "java", caption);
            codeCases++;
            if (formatted instanceof CodeMessage.AsDocument document) {
                codeDocuments++;
                assertThat(document.utf8()).as("seed %d: file content", seed)
                        .isEqualTo(code.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            List<String> messages = ((CodeMessage.Messages) formatted).html();
            assertThat(messages).as("seed %d", seed).hasSizeBetween(1, 3);
            StringBuilder shownCode = new StringBuilder();
            for (String html : messages) {
                assertAccepted(html, "seed " + seed);
                assertThat(html).startsWith(header + "\n");
                Matcher pre = PRE.matcher(html);
                while (pre.find()) {
                    shownCode.append(TelegramHtmlValidator.parse(pre.group(1)));
                }
            }
            assertThat(withoutWhitespace(shownCode.toString())).as("seed %d: code carried", seed)
                    .isEqualTo(withoutWhitespace(code));
        }
        assertThat(codeCases).isGreaterThan(350);
        assertThat(codeDocuments).as("some cases become files, most stay messages").isPositive()
                .isLessThan(codeCases / 2);
        report.publishEntry("code cases / as files / messages checked", codeCases + " / " + codeDocuments + " / "
                + messagesChecked);
    }

    @Test
    void generatedMarkdownSplitsIntoValidPartsThatEachNameTheSession(TestReporter report) {
        for (int seed = 0; seed < 250; seed++) {
            RandomText text = new RandomText(1_000 + seed);
            int length = seed % 25 == 0 ? 100_000 : 50 + text.random().nextInt(seed % 4 == 0 ? 20_000 : 4_000);
            String html = "💬 " + LABEL + "\n" + MarkdownRenderer.toTelegramHtml(text.markdown(length));
            String whole = TelegramHtmlValidator.parse(html);
            List<String> parts = BotMessenger.messageTexts(html, LABEL);
            markdownCases++;
            List<String> carried = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                String part = parts.get(i);
                assertAccepted(part, "seed " + seed + " part " + (i + 1));
                String visible = TelegramHtmlValidator.parse(part);
                if (i > 0) {
                    String prefix = "[" + NAME + "] (part " + (i + 1) + "/" + parts.size() + ")\n";
                    assertThat(visible).startsWith(prefix);
                    visible = visible.substring(prefix.length());
                }
                carried.add(visible);
            }
            assertThat(withoutWhitespace(String.join("", carried))).as("seed %d: text carried", seed)
                    .isEqualTo(withoutWhitespace(whole));
            if (length >= 100_000) {
                assertThat(parts.size()).isGreaterThan(10);
            }
        }
        assertThat(markdownCases).isEqualTo(250);
        report.publishEntry("markdown cases / messages checked", markdownCases + " / " + messagesChecked);
    }

    @Test
    void generatedCaptionsEitherFitTelegramsCaptionLimitOrFollowAsValidMessages() {
        for (int seed = 0; seed < 300; seed++) {
            RandomText text = new RandomText(5_000 + seed);
            String full = "🖼 " + LABEL + "\n" + MarkdownRenderer.toTelegramHtml(text.markdown(text.random()
                    .nextInt(3_000)));
            if (BotMessenger.fitsCaption(full)) {
                assertThat(TelegramHtmlValidator.visibleLength(full)).as("seed %d", seed).isLessThanOrEqualTo(1024);
            } else {
                assertThat(TelegramHtmlValidator.visibleLength(full)).isGreaterThan(1000);
                BotMessenger.messageTexts(full, LABEL).forEach(part -> assertAccepted(part, "caption"));
            }
        }
        assertThat(messagesChecked).isPositive();
    }

    private void assertAccepted(String html, String what) {
        messagesChecked++;
        assertThat(html.length()).as("%s: raw length", what).isLessThanOrEqualTo(4096);
        String visible;
        try {
            visible = TelegramHtmlValidator.parse(html);
        } catch (IllegalArgumentException e) {
            throw new AssertionError(what + ": Telegram would refuse: " + e.getMessage() + "\n" + html, e);
        }
        assertThat(visible).as("%s: visible text", what).isNotBlank();
        assertThat(visible.length()).isLessThanOrEqualTo(4096);
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }
}
