package io.github.telegrammcp.stdio;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The guard, which starts before CDI, finds the hook beans once CDI runs. */
@QuarkusTest
class CdiHooksTest {

    @Test
    void theGuardFindsEveryHookBean() {
        assertThat(CdiHooks.lookup()).hasAtLeastOneElementOfType(ChannelLikeHook.class);
    }

    /** Stands for a future channels bean. */
    @Singleton
    static class ChannelLikeHook implements StdioHook {
    }
}
