package io.github.telegrammcp.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves the user's {@link ConfigFile} to the server's configuration (through {@link ConfigFileSourceFactory}), below
 * environment variables (300) and system properties (400) and above {@code application.properties} (250). A missing
 * file contributes nothing.
 */
public class ConfigFileSource implements ConfigSource {

    /** Between application.properties and environment variables. */
    public static final int ORDINAL = 275;

    private final Map<String, String> properties;
    private final String name;

    /**
     * Reads the current user's file. Kept public and argument-free so that a build tree that still lists this class
     * as a ConfigSource service (before {@link ConfigFileSourceFactory}) keeps working until {@code mvn clean}.
     */
    public ConfigFileSource() {
        this(ConfigFile.locate(System.getenv(), System.getProperty("user.home")));
    }

    /** Reads the given file; an unreadable file is reported on stderr and contributes nothing. */
    public ConfigFileSource(Path file) {
        this.name = "config file " + file;
        Map<String, String> mapped = new LinkedHashMap<>();
        try {
            ConfigFile.read(file).forEach((key, value) -> {
                String property = ConfigFile.propertyName(key);
                if (property != null && !value.isEmpty()) {
                    mapped.put(property, value);
                }
            });
        } catch (IOException | IllegalArgumentException e) {
            // Logging is not set up yet while configuration loads; stderr never disturbs the MCP channel.
            System.err.println("telegram-mcp-server: ignoring " + file + ": " + e.getMessage());
        }
        this.properties = Collections.unmodifiableMap(mapped);
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    /** Names the file only: the values hold the bot token. */
    @Override
    public String toString() {
        return "ConfigFileSource[" + name + ", " + properties.size() + " properties]";
    }
}
