package io.github.telegrammcp.config;

import java.lang.reflect.Proxy;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * {@link TelegramConfig} over environment-style values ({@code TELEGRAM_BOT_TOKEN=...}), for the command-line modes
 * that run without Quarkus ({@code --config}, the permission hook).
 */
public final class EnvironmentConfig {

    private EnvironmentConfig() {
    }

    /**
     * The raw settings as the server's configuration mapping would see them: each method {@code fooBar()} reads
     * {@code TELEGRAM_FOO_BAR}, falling back to its {@code @WithDefault}. A proxy, so new settings need no change here.
     */
    public static TelegramConfig of(Map<String, String> values) {
        return (TelegramConfig) Proxy.newProxyInstance(TelegramConfig.class.getClassLoader(),
                new Class<?>[] { TelegramConfig.class }, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("toString") ? "TelegramConfig" : method.invoke(values, args);
                    }
                    String key = "TELEGRAM_"
                            + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
                    String value = values.get(key);
                    if (value == null || value.isBlank()) {
                        WithDefault fallback = method.getAnnotation(WithDefault.class);
                        value = fallback == null ? null : fallback.value();
                    }
                    if (method.getReturnType() == Optional.class) {
                        return Optional.ofNullable(value);
                    }
                    return method.getReturnType() == String.class ? value : null;
                });
    }
}
