package io.github.telegrammcp.telegram.render;

import static io.github.telegrammcp.telegram.render.RenderAssertions.assertCarriesVisibleText;
import static io.github.telegrammcp.telegram.render.RenderAssertions.assertContainsInOrder;
import static io.github.telegrammcp.telegram.render.RenderAssertions.assertTelegramValid;
import static io.github.telegrammcp.telegram.render.RenderAssertions.assertValidChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.fake.BotApiTypes.MessageEntity;
import io.github.telegrammcp.fake.TelegramHtmlValidator;
import io.github.telegrammcp.telegram.TelegramLimits;

/**
 * Generated-input tests with fixed seeds, so every run checks the same few hundred cases: whatever the input, each
 * message is at most 4096 characters, Telegram accepts it, and together the messages carry all the visible text.
 */
class RenderingPropertyTest {

    private static final int LIMIT = TelegramLimits.TEXT_CHARACTERS;

    @Test
    void randomMarkdownRendersToValidHtmlKeepingEveryWordAndSplitsIntoValidChunks() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            MarkdownGenerator generator = new MarkdownGenerator(random);
            String markdown = generator.document(200 + random.nextInt(seed % 10 == 0 ? 12_000 : 2_500));
            String html = MarkdownRenderer.toTelegramHtml(markdown);
            String visible = validOrFail(html, "seed " + seed + ", markdown:\n" + markdown);
            assertContainsInOrder(visible, generator.words());
            assertThat(html).isEqualTo(html.stripTrailing());
            splitAndCheck(html, visible, LIMIT);
            splitAndCheck(html, visible, 64 + random.nextInt(700));
        }
    }

    @Test
    void hundredKilobyteMarkdownDocumentsSplitIntoValidChunks() {
        for (int seed = 1_000; seed < 1_008; seed++) {
            Random random = new Random(seed);
            MarkdownGenerator generator = new MarkdownGenerator(random);
            String markdown = generator.document(100_000);
            String html = MarkdownRenderer.toTelegramHtml(markdown);
            String visible = validOrFail(html, "seed " + seed);
            assertContainsInOrder(visible, generator.words());
            List<String> chunks = splitAndCheck(html, visible, LIMIT);
            assertThat(chunks.size()).isGreaterThan(20);
        }
    }

    @Test
    void hundredKilobyteSingleLinesSplitIntoValidChunks() {
        String noSpaces = "a<b>&\"'`*_~#|[]()😀中".repeat(5_000);
        for (String markdown : List.of(noSpaces, "**" + noSpaces + "**", "```\n" + noSpaces + "\n```",
                "> " + "word ".repeat(20_000), "- " + "文字".repeat(50_000))) {
            String html = MarkdownRenderer.toTelegramHtml(markdown);
            String visible = validOrFail(html, markdown.substring(0, 40));
            List<String> chunks = splitAndCheck(html, visible, LIMIT);
            assertThat(chunks.size()).isGreaterThanOrEqualTo(25);
        }
    }

    @Test
    void randomTelegramHtmlSplitsIntoValidChunksAtAnyLimit() {
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            String html = new HtmlGenerator(random).document(100 + random.nextInt(seed % 10 == 0 ? 20_000 : 3_000));
            String visible = validOrFail(html, "generated html, seed " + seed);
            int limit = random.nextBoolean() ? HtmlSplitter.MIN_LIMIT + random.nextInt(300) : 300 + random.nextInt(4_000);
            splitAndCheck(html, visible, limit);
        }
    }

    @Test
    void randomCodeFormatsIntoValidNumberedPartsOrADocument() {
        int documents = 0;
        int multiPart = 0;
        for (int seed = 0; seed < 300; seed++) {
            Random random = new Random(seed);
            String code = randomCode(random);
            String language = new String[] { "python", "java", null, "", "c++", "\"><i>", "weird lang", "yml" }[random
                    .nextInt(8)];
            // inline Markdown only, so that every pre block in the output is code
            String caption = random.nextInt(3) == 0 ? null
                    : "The **fix** for `a < b` & [docs](https://e.org/?a=1&b=2) 文字 😀 "
                            .repeat(random.nextInt(4) == 0 ? 20 + random.nextInt(100) : 1);
            CodeMessage result = CodeFormatter.format(code, language, caption);
            if (result instanceof CodeMessage.AsDocument document) {
                documents++;
                assertThat(document.utf8()).isEqualTo(code.getBytes(StandardCharsets.UTF_8));
                assertThat(document.fileName()).matches("snippet\\.[a-z+]+");
                if (document.captionHtml() != null) {
                    assertThat(document.captionHtml().length()).isLessThanOrEqualTo(TelegramLimits.CAPTION_CHARACTERS);
                    assertTelegramValid(document.captionHtml());
                }
                assertValidChunks(document.captionMessages(), LIMIT);
                continue;
            }
            List<String> messages = ((CodeMessage.Messages) result).html();
            assertThat(messages).hasSizeBetween(1, CodeFormatter.MAX_MESSAGES);
            assertValidChunks(messages, LIMIT);
            List<String> parts = new ArrayList<>();
            for (String message : messages) {
                codeOf(message).ifPresent(parts::add);
            }
            if (parts.size() > 1) {
                multiPart++;
                for (int i = 0; i < messages.size() - parts.size(); i++) {
                    assertThat(messages.get(i)).doesNotContain("<pre>");
                }
                for (int i = 0; i < parts.size(); i++) {
                    String message = messages.get(messages.size() - parts.size() + i);
                    assertThat(message).contains("<b>Part " + (i + 1) + "/" + parts.size() + "</b>\n<pre>");
                }
            }
            assertCodeCarried(normalized(code), parts, "seed " + seed);
        }
        // the seeds must reach every outcome, or the test proves less than it claims
        assertThat(documents).isGreaterThan(10);
        assertThat(multiPart).isGreaterThan(10);
    }

    private static String randomCode(Random random) {
        StringBuilder code = new StringBuilder();
        String alphabet = "<>&\"'`\\*_[](){}#|~;:=+-/\t abcXYZ019文字😀é\u0301";
        int size = random.nextInt(10) == 0 ? 30_000 + random.nextInt(80_000) : 1 + random.nextInt(12_000);
        int lineLength = random.nextInt(5) == 0 ? 5_000 : 80;
        while (code.length() < size) {
            int cp = alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                    random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
            code.appendCodePoint(cp);
            if (random.nextInt(lineLength) == 0) {
                code.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
            }
        }
        return random.nextInt(4) == 0 ? "\n\n" + code + "\n\n" : code.toString() + "x";
    }

    /** The code a message shows in its pre block, if any. */
    private static java.util.Optional<String> codeOf(String message) {
        TelegramHtmlValidator.Parsed parsed = TelegramHtmlValidator.parseWithEntities(message);
        return parsed.entities().stream().filter(e -> e.type().equals("pre")).findFirst()
                .map((MessageEntity e) -> parsed.text().substring(e.offset(), e.offset() + e.length()));
    }

    private static String normalized(String code) {
        String text = code.replace("\r\n", "\n").replace('\r', '\n').stripTrailing();
        return text.replaceFirst("^(?:[ \\t]*\\n)+", "");
    }

    /** Parts are consecutive slices of the code, joined either directly (a cut line) or by the newline cut on. */
    private static void assertCodeCarried(String code, List<String> parts, String context) {
        int position = 0;
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0 && code.startsWith("\n", position)) {
                position++;
            }
            if (!code.startsWith(parts.get(i), position)) {
                fail("%s: part %d does not continue the code at offset %d", context, i + 1, position);
            }
            position += parts.get(i).length();
        }
        assertThat(position).as(context + ": code fully carried").isEqualTo(code.length());
    }

    private static String validOrFail(String html, String context) {
        try {
            return assertTelegramValid(html);
        } catch (AssertionError e) {
            throw new AssertionError(context + "\n" + e.getMessage(), e);
        }
    }

    private static List<String> splitAndCheck(String html, String visible, int limit) {
        List<String> chunks = HtmlSplitter.split(html, limit);
        List<String> texts = assertValidChunks(chunks, limit);
        assertCarriesVisibleText(visible, texts);
        return chunks;
    }
}
