package io.github.telegrammcp.telegram.render;

import static io.github.telegrammcp.telegram.render.RenderAssertions.assertTelegramValid;
import static io.github.telegrammcp.telegram.render.RenderAssertions.assertValidChunks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import io.github.telegrammcp.telegram.TelegramLimits;

class CodeFormatterTest {

    private static List<String> messages(CodeMessage result) {
        assertThat(result).isInstanceOf(CodeMessage.Messages.class);
        List<String> html = ((CodeMessage.Messages) result).html();
        assertValidChunks(html, TelegramLimits.TEXT_CHARACTERS);
        return html;
    }

    private static String lines(int count, int width) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%-" + width + "s", "line " + i).replace(' ', '.'))
                .collect(Collectors.joining("\n"));
    }

    @Test
    void shortCodeIsOneMessageWithItsLanguageClass() {
        assertThat(messages(CodeFormatter.format("print('hi')\n", "python", null)))
                .containsExactly("<pre><code class=\"language-python\">print('hi')</code></pre>");
    }

    @Test
    void codeWithoutLanguageHasNoClass() {
        assertThat(messages(CodeFormatter.format("x", " ", null))).containsExactly("<pre><code>x</code></pre>");
        assertThat(messages(CodeFormatter.format("x", null, ""))).containsExactly("<pre><code>x</code></pre>");
    }

    @Test
    void languageIsSanitizedInTheClass() {
        assertThat(messages(CodeFormatter.format("x", "C++\"><b>", null)))
                .containsExactly("<pre><code class=\"language-c++b\">x</code></pre>");
    }

    @Test
    void everyHtmlSpecialCharacterInCodeIsEscaped() {
        String code = "if (a < b && c > d) { s = \"<b>&amp;</b>\"; t = '`'; }";
        String html = messages(CodeFormatter.format(code, "js", null)).get(0);
        assertThat(html).isEqualTo("<pre><code class=\"language-js\">if (a &lt; b &amp;&amp; c &gt; d) { s = \""
                + "&lt;b&gt;&amp;amp;&lt;/b&gt;\"; t = '`'; }</code></pre>");
        assertThat(assertTelegramValid(html)).isEqualTo(code);
    }

    @Test
    void captionIsRenderedAboveTheCode() {
        assertThat(messages(CodeFormatter.format("x = 1", "python", "The **fix** for `x`"))).containsExactly(
                "The <b>fix</b> for <code>x</code>\n\n<pre><code class=\"language-python\">x = 1</code></pre>");
    }

    @Test
    void surroundingBlankLinesAreTrimmedButIndentationKept() {
        assertThat(messages(CodeFormatter.format("\n\n    indented\r\n  next\n\n\n", null, null)))
                .containsExactly("<pre><code>    indented\n  next</code></pre>");
    }

    @Test
    void longCodeIsSplitAtLineBoundariesIntoNumberedParts() {
        String code = lines(150, 39);
        List<String> html = messages(CodeFormatter.format(code, "java", null));
        assertThat(html).hasSize(2);
        assertThat(html.get(0)).startsWith("<b>Part 1/2</b>\n<pre><code class=\"language-java\">line.0.");
        assertThat(html.get(1)).startsWith("<b>Part 2/2</b>\n<pre><code class=\"language-java\">line.");
        String joined = html.stream().map(m -> assertTelegramValid(m).replaceFirst("^Part \\d/\\d\n", ""))
                .collect(Collectors.joining("\n"));
        assertThat(joined).isEqualTo(code);
    }

    @Test
    void threePartsAreStillMessages() {
        List<String> html = messages(CodeFormatter.format(lines(250, 39), "go", "short caption"));
        assertThat(html).hasSize(3);
        assertThat(html.get(0)).startsWith("short caption\n\n<b>Part 1/3</b>\n<pre><code class=\"language-go\">");
        assertThat(html.get(2)).startsWith("<b>Part 3/3</b>\n");
    }

    @Test
    void aLineLongerThanAMessageIsSplitInsideTheLine() {
        String code = "short\n" + "&<>x😀".repeat(500) + "\nend";
        List<String> html = messages(CodeFormatter.format(code, null, null));
        assertThat(html).hasSize(2);
        assertThat(html.get(0)).startsWith("<b>Part 1/2</b>\n<pre><code>short\n&amp;&lt;&gt;x😀");
        assertThat(html.get(1)).endsWith("😀\nend</code></pre>");
        String joined = html.stream().map(m -> assertTelegramValid(m).replaceFirst("^Part \\d/\\d\n", ""))
                .collect(Collectors.joining());
        assertThat(joined).isEqualTo(code);
    }

    @Test
    void longCaptionGoesFirstAsItsOwnMessageWhenTheCodeFitsAlone() {
        String caption = "word ".repeat(300).strip();
        String code = "c".repeat(3_000);
        List<String> html = messages(CodeFormatter.format(code, "sh", caption));
        assertThat(html).containsExactly(caption, "<pre><code class=\"language-sh\">" + code + "</code></pre>");
    }

    @Test
    void longCaptionOfMultiPartCodeIsItsOwnFirstMessage() {
        String caption = "explanation ".repeat(120).strip();
        List<String> html = messages(CodeFormatter.format(lines(150, 39), "rust", caption));
        assertThat(html).hasSize(3);
        assertThat(html.get(0)).isEqualTo(caption);
        assertThat(html.get(1)).startsWith("<b>Part 1/2</b>\n");
    }

    @Test
    void codeNeedingMoreThanThreeMessagesBecomesADocument() {
        String code = lines(400, 39) + "\n";
        CodeMessage result = CodeFormatter.format(code, "Python", "The *whole* module");
        assertThat(result).isInstanceOf(CodeMessage.AsDocument.class);
        CodeMessage.AsDocument document = (CodeMessage.AsDocument) result;
        assertThat(document.fileName()).isEqualTo("snippet.py");
        assertThat(document.utf8()).isEqualTo(code.getBytes(StandardCharsets.UTF_8));
        assertThat(document.content()).isEqualTo(code);
        assertThat(document.captionHtml()).isEqualTo("The <i>whole</i> module");
        assertThat(document.captionMessages()).isEmpty();
    }

    @Test
    void captionMessagesCountTowardsTheLimitOfThree() {
        String caption = "long caption ".repeat(700).strip();
        CodeMessage result = CodeFormatter.format(lines(150, 39), "java", caption);
        assertThat(result).isInstanceOf(CodeMessage.AsDocument.class);
        CodeMessage.AsDocument document = (CodeMessage.AsDocument) result;
        assertThat(document.captionHtml()).isNull();
        assertThat(String.join(" ", document.captionMessages())).isEqualTo(caption);
        assertValidChunks(document.captionMessages(), TelegramLimits.TEXT_CHARACTERS);
    }

    @Test
    void documentCaptionThatDoesNotFitACaptionIsSentAsMessages() {
        String caption = "detail ".repeat(200).strip();
        CodeMessage.AsDocument document = (CodeMessage.AsDocument) CodeFormatter.format("x".repeat(20_000), "c",
                caption);
        assertThat(document.fileName()).isEqualTo("snippet.c");
        assertThat(document.captionHtml()).isNull();
        assertThat(document.captionMessages()).containsExactly(caption);
    }

    @Test
    void documentWithoutCaptionHasNone() {
        CodeMessage.AsDocument document = (CodeMessage.AsDocument) CodeFormatter.format("y".repeat(20_000), null,
                null);
        assertThat(document.fileName()).isEqualTo("snippet.txt");
        assertThat(document.captionHtml()).isNull();
        assertThat(document.captionMessages()).isEmpty();
        assertThat(document.toString()).contains("bytes=20000").doesNotContain("yyyy");
    }

    @Test
    void documentContentIsCopiedNotShared() {
        CodeMessage.AsDocument document = (CodeMessage.AsDocument) CodeFormatter.format("z".repeat(20_000), null,
                null);
        document.utf8()[0] = 'Q';
        assertThat(document.content()).startsWith("zzz");
        assertThat(document).isEqualTo(CodeFormatter.format("z".repeat(20_000), null, null));
    }

    @ParameterizedTest
    @CsvSource({ "python,py", "py,py", "java,java", "javascript,js", "js,js", "typescript,ts", "ts,ts", "bash,sh",
        "sh,sh", "shell,sh", "json,json", "yaml,yaml", "yml,yaml", "go,go", "rust,rs", "rs,rs", "kotlin,kt", "kt,kt",
        "c,c", "cpp,cpp", "c++,cpp", "csharp,cs", "cs,cs", "ruby,rb", "rb,rb", "php,php", "sql,sql", "html,html",
        "css,css", "xml,xml", "markdown,md", "md,md", "diff,diff", "toml,toml", "JavaScript,js", "' Rust ',rs",
        "brainfuck,txt" })
    void fileExtensionFitsTheLanguage(String language, String extension) {
        assertThat(CodeFormatter.extension(language)).isEqualTo(extension);
        assertThat(CodeFormatter.fileName(language)).isEqualTo("snippet." + extension);
    }

    @Test
    void missingLanguageGivesTextFile() {
        assertThat(CodeFormatter.fileName(null)).isEqualTo("snippet.txt");
        assertThat(CodeFormatter.fileName("")).isEqualTo("snippet.txt");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { " ", "\n\n", "\t \r\n" })
    void emptyCodeIsRejectedWithAClearMessage(String code) {
        assertThatThrownBy(() -> CodeFormatter.format(code, "java", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code is empty: pass the source text to send");
    }

    @Test
    void tooSmallLimitIsRejected() {
        assertThatThrownBy(() -> CodeFormatter.format("x", null, null, 100, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 256");
    }

    @Test
    void smallerLimitsAreHonoured() {
        CodeMessage result = CodeFormatter.format(lines(30, 20), "kotlin", "*note*", 300, 100);
        List<String> html = ((CodeMessage.Messages) result).html();
        assertThat(html).hasSize(3);
        assertValidChunks(html, 300);
    }
}
