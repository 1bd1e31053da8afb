package io.github.telegrammcp.config;

import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the validated {@link Settings} injectable. */
public class SettingsProducer {

    @Produces
    @Singleton
    Settings settings(TelegramConfig config) {
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path defaultState = StateDirectory.resolve(System.getenv(), System.getProperty("user.home"));
        return SettingsParser.parse(config, cwd, defaultState);
    }
}
