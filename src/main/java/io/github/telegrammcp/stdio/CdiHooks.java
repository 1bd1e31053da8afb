package io.github.telegrammcp.stdio;

import java.util.List;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.Unremovable;

/**
 * Finds the {@link StdioHook} beans for the guard, which starts before CDI and so cannot be injected. The injected
 * {@code Instance} also keeps hook beans from being removed as unused at build time.
 */
@Singleton
@Unremovable
class CdiHooks {

    private final Instance<StdioHook> hooks;

    @Inject
    CdiHooks(@Any Instance<StdioHook> hooks) {
        this.hooks = hooks;
    }

    /** Every hook bean, or null while CDI is not running yet (the guard asks again later). */
    static List<StdioHook> lookup() {
        ArcContainer container = Arc.container();
        if (container == null || !container.isRunning()) {
            return null;
        }
        return container.instance(CdiHooks.class).get().hooks.stream().toList();
    }
}
