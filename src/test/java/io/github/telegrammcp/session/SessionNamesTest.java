package io.github.telegrammcp.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Two live sessions never look alike; names that mix scripts are flagged. */
class SessionNamesTest {

    @Test
    void namesThatLookTheSameHaveTheSameSkeleton() {
        assertThat(SessionNames.lookAlike("alpha", "\u0430lpha")).as("Cyrillic а").isTrue();
        assertThat(SessionNames.lookAlike("alpha", "αlpha")).as("Greek α").isTrue();
        assertThat(SessionNames.lookAlike("BETA", "ВЕТА")).as("Cyrillic capitals").isTrue();
        assertThat(SessionNames.lookAlike("alpha", "ａｌｐｈａ")).as("fullwidth").isTrue();
        assertThat(SessionNames.lookAlike("alpha", "Alpha")).as("case, as /to ignores it").isTrue();
        assertThat(SessionNames.lookAlike("api-v1", "api-vl")).isTrue();
        assertThat(SessionNames.lookAlike("café", "cafe")).as("accents").isTrue();
    }

    @Test
    void differentNamesStayDifferent() {
        assertThat(SessionNames.lookAlike("alpha", "beta")).isFalse();
        assertThat(SessionNames.lookAlike("api", "api-2")).isFalse();
        assertThat(SessionNames.lookAlike("проект", "project")).isFalse();
        assertThat(SessionNames.lookAlike("项目", "项目-2")).isFalse();
    }

    @Test
    void mixedScriptsAreNamed() {
        assertThat(SessionNames.mixedScripts("\u0430lpha")).isEqualTo("Cyrillic and Latin");
        assertThat(SessionNames.mixedScripts("alpha")).isNull();
        assertThat(SessionNames.mixedScripts("проект")).isNull();
        assertThat(SessionNames.mixedScripts("项目-app")).as("CJK next to Latin cannot pass for Latin").isNull();
        assertThat(SessionNames.mixedScripts("api-2")).isNull();
    }
}
