package io.github.telegrammcp.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.telegrammcp.fake.BotApiTypes.MessageEntity;

class TelegramHtmlValidatorTest {

    private static MessageEntity entity(String type, int offset, int length) {
        return new MessageEntity(type, offset, length, null, null, null);
    }

    @Test
    void plainTextAndEmptyTextPassUnchanged() {
        assertThat(TelegramHtmlValidator.parse("")).isEmpty();
        assertThat(TelegramHtmlValidator.parse("just text, 100% plain > fine")).isEqualTo("just text, 100% plain > fine");
    }

    @Test
    void everySupportedTagIsRemovedAndBecomesItsEntity() {
        String html = "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike>"
                + "<del>d</del><tg-spoiler>p</tg-spoiler><span class=\"tg-spoiler\">q</span><code>c</code>"
                + "<pre>r</pre><blockquote>l</blockquote><blockquote expandable>x</blockquote>"
                + "<a href=\"https://example.org/\">a</a><tg-emoji emoji-id=\"5368324170671202286\">👍</tg-emoji>";

        TelegramHtmlValidator.Parsed parsed = TelegramHtmlValidator.parseWithEntities(html);

        assertThat(parsed.text()).isEqualTo("bsieunskdpqcrlxa👍");
        assertThat(parsed.entities()).containsExactly(entity("bold", 0, 1), entity("bold", 1, 1),
                entity("italic", 2, 1), entity("italic", 3, 1), entity("underline", 4, 1), entity("underline", 5, 1),
                entity("strikethrough", 6, 1), entity("strikethrough", 7, 1), entity("strikethrough", 8, 1),
                entity("spoiler", 9, 1), entity("spoiler", 10, 1), entity("code", 11, 1), entity("pre", 12, 1),
                entity("blockquote", 13, 1), entity("expandable_blockquote", 14, 1),
                new MessageEntity("text_link", 15, 1, "https://example.org/", null, null),
                new MessageEntity("custom_emoji", 16, 2, null, null, "5368324170671202286"));
    }

    @Test
    void properlyNestedTagsGiveNestedEntities() {
        TelegramHtmlValidator.Parsed parsed = TelegramHtmlValidator
                .parseWithEntities("<b>bold <i>both <u>all</u></i></b> none");

        assertThat(parsed.text()).isEqualTo("bold both all none");
        assertThat(parsed.entities()).containsExactly(entity("bold", 0, 13), entity("italic", 5, 8),
                entity("underline", 10, 3));
    }

    @Test
    void tagNamesAreCaseInsensitiveAndAnEmptyEndTagClosesTheInnermost() {
        assertThat(TelegramHtmlValidator.parseWithEntities("<B>x</b><I>y</>").entities())
                .containsExactly(entity("bold", 0, 1), entity("italic", 1, 1));
    }

    @Test
    void emptyElementsAddNoEntity() {
        assertThat(TelegramHtmlValidator.parseWithEntities("a<b></b>c").entities()).isEmpty();
    }

    @Test
    void theFourNamedEntitiesAndNumericEntitiesAreDecoded() {
        assertThat(TelegramHtmlValidator.parse("&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42;&#X43; &#128512;"))
                .isEqualTo("<tag> & \"q\" ABC 😀");
    }

    @Test
    void preWithLanguageCodeBecomesOnePreEntityWithTheLanguage() {
        assertThat(TelegramHtmlValidator.parseWithEntities("<pre><code class=\"language-java\">int x;</code></pre>")
                .entities()).containsExactly(new MessageEntity("pre", 0, 6, null, "java", null));
        assertThat(TelegramHtmlValidator.parseWithEntities("<code class=\"language-java\">x</code>").entities())
                .containsExactly(entity("code", 0, 1));
        assertThat(TelegramHtmlValidator.parseWithEntities("<pre><code>x</code></pre>").entities())
                .containsExactlyInAnyOrder(entity("pre", 0, 1), entity("code", 0, 1));
    }

    @Test
    void attributesMayBeQuotedOrBareAndUnknownOnesAreIgnored() {
        assertThat(TelegramHtmlValidator.parseWithEntities("<a href='https://x.org/?a=1&amp;b=2' target=blank>l</a>")
                .entities()).containsExactly(new MessageEntity("text_link", 0, 1, "https://x.org/?a=1&b=2", null, null));
        assertThat(TelegramHtmlValidator.parseWithEntities("<a  href = \"https://x.org/?a=1&b=2\" >l</a>").entities())
                .containsExactly(new MessageEntity("text_link", 0, 1, "https://x.org/?a=1&b=2", null, null));
        assertThat(TelegramHtmlValidator.parse("<b class=x>y</b>")).isEqualTo("y");
        assertThatThrownBy(() -> TelegramHtmlValidator.parse("<a href=x target=_blank>l</a>"))
                .hasMessage("Unexpected end of name token at byte offset 17");
    }

    @Test
    void entityOffsetsCountUtf16UnitsAfterEmojiAndCjk() {
        TelegramHtmlValidator.Parsed parsed = TelegramHtmlValidator.parseWithEntities("😀日本<b>語</b>");

        assertThat(parsed.text()).isEqualTo("😀日本語");
        assertThat(parsed.entities()).containsExactly(entity("bold", 4, 1));
    }

    @Test
    void visibleLengthCountsUtf16UnitsOfTheVisibleText() {
        assertThat(TelegramHtmlValidator.visibleLength("<b>😀</b>")).isEqualTo(2);
        assertThat(TelegramHtmlValidator.visibleLength("日本語")).isEqualTo(3);
        assertThat(TelegramHtmlValidator.visibleLength("&amp;&#128512;")).isEqualTo(3);
        assertThat(TelegramHtmlValidator.visibleLength("<a href=\"https://example.org/very/long\">x</a>")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Hello world <div>x</div>      | Unsupported start tag \"div\" at byte offset 12",
            "<b>bold                       | Can't find end tag corresponding to start tag \"b\"",
            "<b><i>x</i>                   | Can't find end tag corresponding to start tag \"b\"",
            "plain x</b>                   | Unexpected end tag at byte offset 7",
            "abc<b                         | Unclosed start tag at byte offset 3",
            "1 <2                          | Unclosed start tag at byte offset 2",
            "Hello& there                  | Character entity expected at byte offset 5",
            "a &lt b                       | Character entity expected at byte offset 2",
            "&#;                           | Character entity expected at byte offset 0",
            "&#x110000;                    | Character entity expected at byte offset 0",
            "a < b                         | Unsupported start tag \"\" at byte offset 2",
            "1 <2 or 3>                    | Unsupported start tag \"2\" at byte offset 2",
            "<b>x</i>                      | Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\"",
            "<b><i>x</b></i>               | Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"",
            "<b>x</b                       | Unclosed end tag at byte offset 4",
            "<span>x</span>                | Tag \"span\" must have class \"tg-spoiler\" at byte offset 0",
            "<span class=\"big\">x</span>  | Tag \"span\" must have class \"tg-spoiler\" at byte offset 0",
            "<tg-emoji>x</tg-emoji>        | Invalid custom emoji identifier specified",
            "<a =\"x\">y</a>               | Empty attribute name in the tag \"a\" at byte offset 0",
            "<i aba>x</i> | Expected equal sign in declaration of an attribute of the tag \"i\" at byte offset 0",
            "<a href                       | Unclosed start tag \"a\" at byte offset 0",
            "<a href=\"x\"                 | Unclosed start tag at byte offset 0",
            "<a href=x/>y</a>              | Unexpected end of name token at byte offset 8",
    })
    void invalidHtmlIsRefusedWithTelegramsDetail(String html, String detail) {
        assertThatThrownBy(() -> TelegramHtmlValidator.parse(html.strip()))
                .isInstanceOf(TelegramHtmlValidator.ParseException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(detail);
    }

    @Test
    void unknownNamedEntitiesAndSurrogatesAreRefused() {
        assertThatThrownBy(() -> TelegramHtmlValidator.parse("x &nbsp; y")).hasMessage("Unsupported HTML entity "
                + "\"&nbsp;\" at byte offset 2; only &lt; &gt; &amp; &quot; and numeric entities are allowed");
        assertThatThrownBy(() -> TelegramHtmlValidator.parse("&#xD800;")).hasMessage("Text contains invalid Unicode "
                + "characters after decoding HTML entities, check for unmatched surrogate code units");
    }

    @Test
    void errorOffsetsAreUtf8ByteOffsets() {
        assertThatThrownBy(() -> TelegramHtmlValidator.parse("🏟 🏟&lt;<abac>"))
                .hasMessage("Unsupported start tag \"abac\" at byte offset 13");
        assertThatThrownBy(() -> TelegramHtmlValidator.parse("日本<div>"))
                .hasMessage("Unsupported start tag \"div\" at byte offset 6");
        assertThatThrownBy(() -> TelegramHtmlValidator.parse("é & è"))
                .hasMessage("Character entity expected at byte offset 3");
    }

    @Test
    void visibleLengthRefusesInvalidHtml() {
        assertThatThrownBy(() -> TelegramHtmlValidator.visibleLength("<p>x</p>"))
                .isInstanceOf(TelegramHtmlValidator.ParseException.class);
    }
}
