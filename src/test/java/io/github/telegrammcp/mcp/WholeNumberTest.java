package io.github.telegrammcp.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import io.quarkiverse.mcp.server.ToolCallException;

/** Whole-number arguments are checked as sent: out-of-range values are refused with the value quoted, never wrapped. */
class WholeNumberTest {

    static long maxWait(Number n) {
        return ToolGuard.wholeNumber(n, "max_wait", 1, 604800, " seconds", "");
    }

    @Test
    void valuesInRangePassWhateverTheirJsonType() {
        assertThat(maxWait(10)).isEqualTo(10);
        assertThat(maxWait(604800L)).isEqualTo(604800);
        assertThat(maxWait(BigInteger.valueOf(5))).isEqualTo(5);
        assertThat(maxWait(30.0)).isEqualTo(30);
        assertThat(maxWait(new BigDecimal("1.0E2"))).isEqualTo(100);
    }

    @Test
    void valuesThatWouldWrapAreRefusedWithTheValueGiven() {
        assertThatThrownBy(() -> maxWait(4294967299L)).isInstanceOf(ToolCallException.class)
                .hasMessage("max_wait must be a whole number from 1 to 604800 seconds, got 4294967299.");
        assertThatThrownBy(() -> maxWait(1_000_000_000_000L)).hasMessageContaining("got 1000000000000.");
        assertThatThrownBy(() -> maxWait(1e12)).hasMessageContaining("got 1000000000000.");
        BigInteger huge = BigInteger.TWO.pow(64).add(BigInteger.valueOf(5));
        assertThatThrownBy(() -> ToolGuard.wholeNumber(huge, "token_used", 0, Long.MAX_VALUE, " tokens", ""))
                .hasMessageContaining("got 18446744073709551621.");
        assertThatThrownBy(() -> maxWait(-3)).hasMessageContaining("got -3.");
        assertThatThrownBy(() -> maxWait(0)).hasMessageContaining("got 0.");
    }

    @Test
    void fractionsAreRefusedNotRounded() {
        assertThatThrownBy(() -> maxWait(10.5)).hasMessageContaining("whole number").hasMessageContaining("got 10.5.");
        assertThatThrownBy(() -> maxWait(0.5)).hasMessageContaining("got 0.5.");
    }
}
