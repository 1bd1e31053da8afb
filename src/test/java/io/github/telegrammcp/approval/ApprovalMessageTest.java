package io.github.telegrammcp.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.telegrammcp.telegram.TelegramLimits;
import io.github.telegrammcp.telegram.api.InlineKeyboardButton;

class ApprovalMessageTest {

    @Test
    void buttonDataRoundTripsAndStaysSmall() {
        for (ApprovalMessage.Choice choice : ApprovalMessage.Choice.values()) {
            String data = ApprovalMessage.data("AbCdEfGh23", choice);
            assertThat(TelegramLimits.utf8Bytes(data)).isLessThanOrEqualTo(16);
            assertThat(ApprovalMessage.parse(data)).contains(new ApprovalMessage.Press("AbCdEfGh23", choice));
        }
    }

    @Test
    void malformedOrForeignDataIsNotAPress() {
        for (String data : new String[] { null, "", "a:x", "p:", "p::a", "p:abc:z", "p:abc", "p:a b:a", "p:abc:aa" }) {
            assertThat(ApprovalMessage.parse(data)).as(String.valueOf(data)).isEmpty();
        }
        assertThat(ApprovalMessage.isApproval("p:whatever")).isTrue();
        assertThat(ApprovalMessage.isApproval("a:whatever")).isFalse();
    }

    @Test
    void thePromptEscapesEverythingItQuotes() throws Exception {
        ApprovalRequest request = new ApprovalRequest(ApprovalRequest.Origin.CLAUDE_HOOK, "a<b>", null, null, "Bash",
                "Check <tags> & stuff", new ObjectMapper().readTree("{\"command\": \"echo '<b>x</b>' && ls\"}"), null);
        String html = ApprovalMessage.html(request, request.preview(), Duration.ofMinutes(10));
        assertThat(html).startsWith("🔐 <b>[a&lt;b&gt;]</b> wants to use <b>Bash</b>")
                .contains("<i>Check &lt;tags&gt; &amp; stuff</i>")
                .contains("<pre><code class=\"language-bash\">echo '&lt;b&gt;x&lt;/b&gt;' &amp;&amp; ls</code></pre>")
                .contains("Without an answer within 10 min, the assistant's terminal asks.");
    }

    @Test
    void theKeyboardOffersSeeMoreOnlyForAShortenedInput() {
        assertThat(ApprovalMessage.keyboard("id", true, false).inlineKeyboard()).hasSize(2);
        assertThat(ApprovalMessage.keyboard("id", true, true).inlineKeyboard().get(2))
                .extracting(InlineKeyboardButton::text).containsExactly("📄 See more");
    }

    @Test
    void theAnsweredPromptSaysWhatHappened() {
        assertThat(ApprovalMessage.answered("Q", Verdict.ALLOW_SESSION, ApprovalRequest.Origin.CLAUDE_HOOK))
                .isEqualTo("Q\n\n✅ <b>Allowed for this session</b>");
        assertThat(ApprovalMessage.answered("Q", Verdict.TIMEOUT, ApprovalRequest.Origin.PROMPT_TOOL))
                .contains("the call was denied");
        assertThat(ApprovalMessage.answered("Q", Verdict.TIMEOUT, "hook")).contains("terminal asks instead");
    }
}
