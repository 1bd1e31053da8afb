package io.github.telegrammcp.telegram.render;

import static io.github.telegrammcp.telegram.render.RenderAssertions.assertTelegramValid;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    private static String render(String markdown) {
        String html = MarkdownRenderer.toTelegramHtml(markdown);
        assertTelegramValid(html);
        return html;
    }

    @Test
    void boldItalicStrikethroughAndCodeRenderToTelegramTags() {
        assertThat(render("**bold** *italic* ~~gone~~ `code`"))
                .isEqualTo("<b>bold</b> <i>italic</i> <s>gone</s> <code>code</code>");
        assertThat(render("__bold__ _italic_")).isEqualTo("<b>bold</b> <i>italic</i>");
    }

    @Test
    void nestedEmphasisNestsTags() {
        assertThat(render("***both*** and **bold *inner* `c`**"))
                .isEqualTo("<i><b>both</b></i> and <b>bold <i>inner</i> <code>c</code></b>");
    }

    @Test
    void plainTextComesBackUnchangedApartFromEscaping() {
        String text = "Deploy finished: 3 < 4 & 5 > 2, it's \"done\".\nSecond line\n\nNew paragraph 文字 😀";
        assertThat(render(text)).isEqualTo(
                "Deploy finished: 3 &lt; 4 &amp; 5 &gt; 2, it's \"done\".\nSecond line\n\nNew paragraph 文字 😀");
    }

    @Test
    void specialCharactersAreEscapedInTextCodeAndLinks() {
        assertThat(render("a<b & c>d `x<y && z>w` [<&>](https://e.org/?a=1&b=<2>)")).isEqualTo(
                "a&lt;b &amp; c&gt;d <code>x&lt;y &amp;&amp; z&gt;w</code> <a href=\"https://e.org/?a=1&amp;b=%3C2%3E\">"
                        + "&lt;&amp;&gt;</a>");
    }

    @Test
    void backticksInsideCodeSpansSurvive() {
        assertThat(render("``a `tick` b``")).isEqualTo("<code>a `tick` b</code>");
    }

    @Test
    void fencedCodeBlockGetsLanguageClassAndEscapedBody() {
        assertThat(render("```python\nif a < b and c > d:\n    print(\"&\")\n```"))
                .isEqualTo("<pre><code class=\"language-python\">if a &lt; b and c &gt; d:\n    print(\"&amp;\")"
                        + "</code></pre>");
    }

    @Test
    void codeBlockLanguageIsSanitized() {
        assertThat(render("```c++ {.numbered}\nx\n```")).isEqualTo("<pre><code class=\"language-c++\">x</code></pre>");
        assertThat(render("```\"><script>\nx\n```")).isEqualTo("<pre><code class=\"language-script\">x</code></pre>");
        assertThat(render("```<>\nx\n```")).isEqualTo("<pre><code>x</code></pre>");
    }

    @Test
    void codeBlockWithoutLanguageHasNoClass() {
        assertThat(render("```\nplain\n```")).isEqualTo("<pre><code>plain</code></pre>");
        assertThat(render("text\n\n    indented <code>\n")).isEqualTo("text\n\n<pre><code>indented &lt;code&gt;</code></pre>");
    }

    @Test
    void codeBlockKeepsBackticksAndBlankLines() {
        assertThat(render("````\n```\ninner\n\n```\n````")).isEqualTo("<pre><code>```\ninner\n\n```</code></pre>");
    }

    @Test
    void httpMailtoAndTgLinksBecomeAnchors() {
        assertThat(render("[site](https://example.org/a_b) [mail](mailto:me@x.org) [user](tg://user?id=42)"))
                .isEqualTo("<a href=\"https://example.org/a_b\">site</a> <a href=\"mailto:me@x.org\">mail</a> "
                        + "<a href=\"tg://user?id=42\">user</a>");
    }

    @Test
    void autolinksShowTheirAddress() {
        assertThat(render("<https://example.org> and <me@example.org>")).isEqualTo(
                "<a href=\"https://example.org\">https://example.org</a> and <a href=\"mailto:me@example.org\">"
                        + "me@example.org</a>");
    }

    @Test
    void linksWithOtherSchemesShowTextAndUrlAsText() {
        assertThat(render("[click](javascript:alert(1)) [doc](docs/readme.md) [](ftp://x)"))
                .isEqualTo("click (javascript:alert(1)) doc (docs/readme.md) ftp://x");
    }

    @Test
    void linkWithEmptyTextShowsItsUrl() {
        assertThat(render("[](https://example.org)"))
                .isEqualTo("<a href=\"https://example.org\">https://example.org</a>");
        assertThat(render("[![](https://img.example.org/b.svg)](https://example.org)"))
                .isEqualTo("<a href=\"https://example.org\">https://example.org</a>");
    }

    @Test
    void quotesInUrlsCannotBreakTheAttribute() {
        assertThat(render("[x](<https://e.org/a b\"c>)")).isEqualTo("<a href=\"https://e.org/a%20b%22c\">x</a>");
    }

    @Test
    void imagesBecomeLinksLabelledWithTheirAltText() {
        assertThat(render("![build *graph*](https://ci.example.org/g.png)"))
                .isEqualTo("<a href=\"https://ci.example.org/g.png\">build graph</a>");
        assertThat(render("![](https://ci.example.org/g.png)"))
                .isEqualTo("<a href=\"https://ci.example.org/g.png\">https://ci.example.org/g.png</a>");
        assertThat(render("![local](img/g.png)")).isEqualTo("local (img/g.png)");
    }

    @Test
    void imageInsideLinkShowsOnlyItsAltTextSoLinksNeverNest() {
        assertThat(render("[![badge](https://img.example.org/b.svg)](https://example.org)"))
                .isEqualTo("<a href=\"https://example.org\">badge</a>");
    }

    @Test
    void headingsBecomeBoldLinesOfTheirOwn() {
        assertThat(render("# Title *x*\nbody\n## Sub\nSetext\n===\nend"))
                .isEqualTo("<b>Title <i>x</i></b>\n\nbody\n\n<b>Sub</b>\n\n<b>Setext</b>\n\nend");
    }

    @Test
    void blockQuotesBecomeBlockquoteElements() {
        assertThat(render("> quoted **text**\n> more\n\nafter"))
                .isEqualTo("<blockquote>quoted <b>text</b>\nmore</blockquote>\n\nafter");
    }

    @Test
    void nestedBlockQuotesAreFlattenedBecauseTelegramCannotNestThem() {
        assertThat(render("> outer\n>\n> > inner\n> > again\n>\n> back"))
                .isEqualTo("<blockquote>outer\n\n│ inner\n│ again\n\nback</blockquote>");
    }

    @Test
    void bulletListsUseBulletsAndIndentNestedLists() {
        assertThat(render("- one\n- two\n  - two a\n  - two b\n    1. deep\n- three"))
                .isEqualTo("• one\n• two\n  • two a\n  • two b\n    1. deep\n• three");
    }

    @Test
    void orderedListsKeepTheirStartNumber() {
        assertThat(render("7. seven\n8. eight\n9. nine\n10. ten")).isEqualTo("7. seven\n8. eight\n9. nine\n10. ten");
        assertThat(render("1) a\n1) b")).isEqualTo("1. a\n2. b");
    }

    @Test
    void looseListsKeepBlankLinesBetweenItems() {
        assertThat(render("- a\n\n- b\n\n  second paragraph")).isEqualTo("• a\n\n• b\n\n  second paragraph");
    }

    @Test
    void codeBlockInsideListItemIsNotIndented() {
        assertThat(render("- step:\n\n  ```sh\n  make\n    all\n  ```\n- done"))
                .isEqualTo("• step:\n\n<pre><code class=\"language-sh\">make\n  all</code></pre>\n\n• done");
    }

    @Test
    void thematicBreakBecomesALineOfDashes() {
        assertThat(render("above\n\n---\n\nbelow")).isEqualTo("above\n\n———\n\nbelow");
    }

    @Test
    void tablesBecomePreformattedAlignedText() {
        String markdown = "| Name | Qty | Note |\n|:-----|----:|:----:|\n| apple | 3 | ok |\n| kiwi *fruit* | 120 | `x<y` |";
        assertThat(render(markdown)).isEqualTo("<pre>"
                + "Name       | Qty | Note\n"
                + "-----------+-----+-----\n"
                + "apple      |   3 |  ok\n"
                + "kiwi fruit | 120 | x&lt;y"
                + "</pre>");
    }

    @Test
    void tableColumnsAlignWithWideCharacters() {
        String html = render("| 名字 | n |\n|---|---|\n| 中文字符 | 1 |\n| ab | 2 |");
        String[] lines = html.replace("<pre>", "").replace("</pre>", "").split("\n");
        assertThat(lines[0]).isEqualTo("名字     | n");
        assertThat(lines[2]).isEqualTo("中文字符 | 1");
        assertThat(lines[3]).isEqualTo("ab       | 2");
    }

    @Test
    void hardAndSoftLineBreaksBecomeNewlines() {
        assertThat(render("one  \ntwo\\\nthree\nfour")).isEqualTo("one\ntwo\nthree\nfour");
    }

    @Test
    void paragraphsAreSeparatedByOneBlankLine() {
        assertThat(render("first\n\n\n\nsecond")).isEqualTo("first\n\nsecond");
    }

    @Test
    void rawHtmlIsShownAsTextNeverPassedThrough() {
        assertThat(render("a <b>bold</b> <span class=\"tg-spoiler\">s</span>"))
                .isEqualTo("a &lt;b&gt;bold&lt;/b&gt; &lt;span class=\"tg-spoiler\"&gt;s&lt;/span&gt;");
        assertThat(render("<div>\n<script>alert(1)</script>\n</div>"))
                .isEqualTo("&lt;div&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;");
        assertThat(render("<!-- note -->")).isEqualTo("&lt;!-- note --&gt;");
    }

    @Test
    void emojiAndCjkPassThrough() {
        assertThat(render("**完成** 👨‍👩‍👧 🇯🇵 _テスト_")).isEqualTo("<b>完成</b> 👨‍👩‍👧 🇯🇵 <i>テスト</i>");
    }

    @Test
    void trailingWhitespaceIsTrimmed() {
        assertThat(render("text   \n\n\n")).isEqualTo("text");
        assertThat(render("```\ncode\n\n\n```\n\n")).isEqualTo("<pre><code>code\n\n</code></pre>");
    }

    @Test
    void nullAndBlankRenderAsEmpty() {
        assertThat(MarkdownRenderer.toTelegramHtml(null)).isEmpty();
        assertThat(MarkdownRenderer.toTelegramHtml(" \n ")).isEmpty();
    }

    @Test
    void emptyConstructsLeaveNoEmptyElements() {
        assertThat(render(">\n\n-\n\n```\n```\n\nend")).isEqualTo("•\n\nend");
    }

    @Test
    void absurdlyDeepNestingStillGivesValidHtml() {
        String quotes = ">".repeat(20_000) + " deep";
        assertThat(render(quotes)).contains("deep");
        String lists = "- ".repeat(5_000) + "item";
        assertThat(render(lists)).contains("item");
        String emphasis = "*a **".repeat(3_000) + "x" + "** a*".repeat(3_000);
        assertThat(render(emphasis)).contains("x");
    }
}
