package io.github.telegrammcp.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The user's configuration file, {@code $XDG_CONFIG_HOME/telegram-mcp-server/config.properties} (else
 * {@code ~/.config/...}). Keys are the environment variable names ({@code TELEGRAM_BOT_TOKEN=...}); environment
 * variables win over the file. The wizard writes it with mode 0600 so that client configurations carry no secret.
 */
public final class ConfigFile {

    /** Environment variable that points at another configuration file (for tests and unusual layouts). */
    public static final String LOCATION_VARIABLE = "TELEGRAM_CONFIG_FILE";

    private static final String PREFIX = "TELEGRAM_";

    private ConfigFile() {
    }

    /** Where the file lives for these environment-style settings; {@code userHome} is used when HOME is unset. */
    public static Path locate(Map<String, String> env, String userHome) {
        String explicit = env.get(LOCATION_VARIABLE);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.trim()).toAbsolutePath().normalize();
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg.trim()).isAbsolute()) {
            return Path.of(xdg.trim(), "telegram-mcp-server", "config.properties").normalize();
        }
        return Path.of(home(env, userHome), ".config", "telegram-mcp-server", "config.properties").normalize();
    }

    /** The home directory: {@code HOME} when set (the JVM's user.home ignores it), else {@code userHome}. */
    public static String home(Map<String, String> env, String userHome) {
        String home = env.get("HOME");
        return home != null && !home.isBlank() && Path.of(home).isAbsolute() ? home : userHome;
    }

    /** Reads the file's keys and values in file order; a missing file gives an empty map. */
    public static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key.trim(), properties.getProperty(key).trim());
        }
        return Collections.unmodifiableMap(values);
    }

    /**
     * The environment-style settings a process sees: the file's values overlaid by the real environment. Problems
     * reading the file are reported to {@code warnings} and the environment alone is used.
     */
    public static Map<String, String> overlay(Map<String, String> env, String userHome, Appendable warnings) {
        Map<String, String> merged = new LinkedHashMap<>();
        Path file = locate(env, userHome);
        try {
            merged.putAll(read(file));
        } catch (IOException | IllegalArgumentException e) {
            try {
                warnings.append("telegram-mcp-server: cannot read ").append(file.toString()).append(": ")
                        .append(String.valueOf(e.getMessage())).append(System.lineSeparator());
            } catch (IOException ignored) {
                // Nowhere left to report to.
            }
        }
        merged.putAll(env);
        return Collections.unmodifiableMap(merged);
    }

    /**
     * The configuration property a file key stands for: {@code TELEGRAM_BOT_TOKEN} becomes {@code telegram.bot-token};
     * keys that already contain a dot are taken as they are; anything else gives null.
     */
    public static String propertyName(String key) {
        if (key.indexOf('.') > 0) {
            return key;
        }
        if (key.startsWith(PREFIX) && key.length() > PREFIX.length() && !key.equals(LOCATION_VARIABLE)) {
            return "telegram." + key.substring(PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
        }
        return null;
    }
}
