package io.github.telegrammcp.telegram.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapeReplacesTheThreeCharactersTelegramReserves() {
        assertThat(Html.escape("a < b && c > \"d\" 'e'")).isEqualTo("a &lt; b &amp;&amp; c &gt; \"d\" 'e'");
    }

    @Test
    void escapeLeavesEntitiesVisibleAsWritten() {
        assertThat(Html.escape("&amp; &lt;")).isEqualTo("&amp;amp; &amp;lt;");
    }

    @Test
    void escapeAttributeAlsoEscapesDoubleQuotes() {
        assertThat(Html.escapeAttribute("https://x.org/?q=\"a\"&b=<c>"))
                .isEqualTo("https://x.org/?q=&quot;a&quot;&amp;b=&lt;c&gt;");
    }

    @Test
    void escapeReturnsTextWithoutSpecialCharactersUnchanged() {
        String text = "plain 文字 😀";
        assertThat(Html.escape(text)).isSameAs(text);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersWhilePairsStay() {
        assertThat(Html.escape("a\uD83Db \uDE00c 😀")).isEqualTo("a\uFFFDb \uFFFDc 😀");
        assertThat(Html.escape("end\uD83D")).isEqualTo("end\uFFFD");
    }

    @Test
    void nullEscapesToEmptyText() {
        assertThat(Html.escape(null)).isEmpty();
        assertThat(Html.escapeAttribute(null)).isEmpty();
    }

    @Test
    void escapedLengthMatchesEscape() {
        String text = "<a href=\"x\">&amp;</a> 😀";
        assertThat(Html.escapedLength(text)).isEqualTo(Html.escape(text).length());
    }
}
