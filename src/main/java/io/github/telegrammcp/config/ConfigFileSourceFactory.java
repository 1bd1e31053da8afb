package io.github.telegrammcp.config;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;

/**
 * Adds the user's {@link ConfigFileSource} to the server's configuration, except in the {@code test} profile: the
 * project's tests must never pick up a developer's real token, chat id or state directory.
 */
public class ConfigFileSourceFactory implements ConfigSourceFactory {

    private final Supplier<Path> file;

    /** Used by the ServiceLoader: the file of the current user. */
    public ConfigFileSourceFactory() {
        this(() -> ConfigFile.locate(System.getenv(), System.getProperty("user.home")));
    }

    ConfigFileSourceFactory(Supplier<Path> file) {
        this.file = file;
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (context.getProfiles().contains("test")) {
            return List.of();
        }
        return List.of(new ConfigFileSource(file.get()));
    }
}
