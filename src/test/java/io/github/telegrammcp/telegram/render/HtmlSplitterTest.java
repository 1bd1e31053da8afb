package io.github.telegrammcp.telegram.render;

import static io.github.telegrammcp.telegram.render.RenderAssertions.assertCarriesVisibleText;
import static io.github.telegrammcp.telegram.render.RenderAssertions.assertTelegramValid;
import static io.github.telegrammcp.telegram.render.RenderAssertions.assertValidChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import io.github.telegrammcp.telegram.TelegramLimits;

class HtmlSplitterTest {

    /** Splits, checks every chunk and the visible text, and returns the chunks. */
    private static List<String> splitChecked(String html, int maxChars) {
        List<String> chunks = HtmlSplitter.split(html, maxChars);
        List<String> texts = assertValidChunks(chunks, maxChars);
        assertCarriesVisibleText(assertTelegramValid(html), texts);
        return chunks;
    }

    @Test
    void textThatFitsIsReturnedUnchanged() {
        String html = "<b>short</b> text";
        assertThat(HtmlSplitter.split(html, 32)).containsExactly(html);
        assertThat(HtmlSplitter.split(html)).containsExactly(html);
    }

    @Test
    void emptyTextGivesNoChunks() {
        assertThat(HtmlSplitter.split("", 100)).isEmpty();
        assertThat(HtmlSplitter.split(null, 100)).isEmpty();
    }

    @Test
    void limitBelowTheMinimumIsRejected() {
        assertThatThrownBy(() -> HtmlSplitter.split("text", 31)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32");
    }

    @Test
    void telegramLimitsAreTheDocumentedOnes() {
        assertThat(TelegramLimits.TEXT_CHARACTERS).isEqualTo(4096);
        assertThat(TelegramLimits.CAPTION_CHARACTERS).isEqualTo(1024);
    }

    @Test
    void cutPrefersAParagraphBreak() {
        String first = "First paragraph with some words.\nA second line of it.";
        String second = "Second paragraph.";
        List<String> chunks = splitChecked(first + "\n\n" + second, 70);
        assertThat(chunks).containsExactly(first, second);
    }

    @Test
    void cutPrefersANewlineOverASpace() {
        String html = "first line has some words\nsecond line has words and more";
        assertThat(splitChecked(html, 40)).containsExactly("first line has some words", "second line has words and more");
    }

    @Test
    void cutPrefersASpaceOverTheMiddleOfAWord() {
        String html = "alpha beta gamma delta epsilon zeta eta theta iota kappa";
        assertThat(splitChecked(html, 40)).containsExactly("alpha beta gamma delta epsilon zeta eta", "theta iota kappa");
    }

    @Test
    void earlyParagraphBreakLosesToALateNewline() {
        String html = "ab\n\n" + "x".repeat(40) + "\n" + "y".repeat(40);
        assertThat(splitChecked(html, 64)).containsExactly("ab\n\n" + "x".repeat(40), "y".repeat(40));
    }

    @Test
    void tagsOpenAtTheCutAreClosedAndReopenedWithTheirAttributes() {
        String html = "<b>bold start <a href=\"https://e.org/?a=1&amp;b=2\">" + "link ".repeat(30) + "</a> bold end</b>";
        List<String> chunks = splitChecked(html, 100);
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.get(0)).startsWith("<b>bold").endsWith("</a></b>");
        assertThat(chunks.get(1)).startsWith("<b><a href=\"https://e.org/?a=1&amp;b=2\">");
    }

    @Test
    void oneHundredKilobyteLineWithoutSpacesIsCutAnywhere() {
        String html = "<i>" + "abcdefghij".repeat(10_000) + "</i>";
        List<String> chunks = splitChecked(html, TelegramLimits.TEXT_CHARACTERS);
        assertThat(chunks).hasSize(25).allSatisfy(chunk -> assertThat(chunk).startsWith("<i>").endsWith("</i>"));
    }

    @Test
    void entitiesAreNeverCut() {
        String html = "&amp;&lt;&gt;&quot;&#128512;".repeat(500);
        for (int max = 32; max < 60; max++) {
            splitChecked(html, max);
        }
    }

    @Test
    void surrogatePairsAreNeverCut() {
        String html = "a😀".repeat(300) + "🎉".repeat(300);
        for (int max = 32; max < 50; max++) {
            for (String chunk : splitChecked(html, max)) {
                assertThat(Character.isLowSurrogate(chunk.charAt(0))).isFalse();
                assertThat(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1))).isFalse();
            }
        }
    }

    @Test
    void emojiSequencesStayWholeWhenAnotherCutExists() {
        String family = "👨‍👩‍👧‍👦";
        String html = (family + "🇯🇵" + "é").repeat(100);
        for (String chunk : splitChecked(html, 100)) {
            assertThat(chunk).doesNotStartWith("\u200D").doesNotStartWith("\u0301");
            assertThat(chunk.codePointAt(0)).isNotEqualTo(0x200D);
            assertThat(chunk.replace(family, "").replace("🇯🇵", "").replace("é", "")).isEmpty();
        }
    }

    @Test
    void flagsAreCutBetweenPairsOfRegionalIndicators() {
        String flags = "🇯🇵🇫🇷🇩🇪".repeat(40);
        for (int max = 32; max < 64; max++) {
            for (String chunk : splitChecked(flags, max)) {
                assertThat(chunk.length() % 4).isZero();
                assertThat(chunk.replace("🇯🇵", "").replace("🇫🇷", "").replace("🇩🇪", "")).isEmpty();
            }
        }
    }

    @Test
    void hugePreBlockIsCutAtLinesAndEveryPartStaysPreformatted() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            code.append("    line ").append(i).append(" &lt;tag&gt; &amp;&amp; \"x\"\n");
        }
        String open = "<pre><code class=\"language-java\">";
        String html = open + code.toString().stripTrailing() + "</code></pre>";
        List<String> chunks = splitChecked(html, TelegramLimits.TEXT_CHARACTERS);
        assertThat(chunks).hasSizeGreaterThan(40).allSatisfy(chunk -> {
            assertThat(chunk).startsWith(open + "    line ").endsWith("</code></pre>");
            assertThat(chunk.length()).isGreaterThan(TelegramLimits.TEXT_CHARACTERS / 2);
        });
    }

    @Test
    void indentationAfterACutNewlineIsKept() {
        String html = "<pre>" + "x".repeat(28) + "\n    indented" + "</pre>";
        List<String> chunks = splitChecked(html, 40);
        assertThat(chunks).containsExactly("<pre>" + "x".repeat(28) + "</pre>", "<pre>    indented</pre>");
    }

    @Test
    void deeplyNestedTagsLoseOnlyTheirInnermostTags() {
        String html = "<b><i>".repeat(2_000) + "deep text ".repeat(2_000) + "</i></b>".repeat(2_000);
        List<String> chunks = splitChecked(html, TelegramLimits.TEXT_CHARACTERS);
        assertThat(chunks.get(0)).startsWith("<b><i><b><i>");
        assertThat(chunks).hasSizeLessThan(20);
    }

    @Test
    void veryLongLinkIsKeptAsTextWhenItsTagCannotBeReopened() {
        String url = "https://e.org/" + "p".repeat(100);
        String html = "<a href=\"" + url + "\">" + "word ".repeat(60) + "</a>";
        List<String> chunks = splitChecked(html, 100);
        assertThat(String.join("", chunks)).doesNotContain("href");
    }

    @Test
    void noChunkEndsWithAnEmptyElementOrStartsWithAClosingTag() {
        String html = "aaaa <b>bbbb</b> <i>cccc</i> <code>dddd</code> ".repeat(40);
        for (int max = 32; max < 80; max++) {
            for (String chunk : splitChecked(html, max)) {
                assertThat(chunk).doesNotContain("<b></b>", "<i></i>", "<code></code>").doesNotStartWith("</");
            }
        }
    }

    @Test
    void blankStretchesAreNotSentAsMessages() {
        String html = "start" + " ".repeat(200) + "\n".repeat(100) + " ".repeat(200) + "end" + "\n".repeat(300);
        assertThat(splitChecked(html, 64)).containsExactly("start", "end");
    }

    @Test
    void malformedMarkupIsRepaired() {
        String html = "</i>stray close then <b>unclosed bold " + "text ".repeat(20);
        List<String> chunks = HtmlSplitter.split(html, 40);
        List<String> texts = assertValidChunks(chunks, 40);
        assertThat(String.join(" ", texts)).startsWith("stray close then unclosed bold text");
    }

    @Test
    void bareAmpersandsAndAnglesCountAsCharacters() {
        List<String> chunks = HtmlSplitter.split("a & b < c &unknown ".repeat(20), 40);
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.length()).isLessThanOrEqualTo(40));
        assertThat(String.join(" ", chunks).replace("  ", " ")).contains("&unknown");
    }
}
