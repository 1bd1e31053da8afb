package io.github.telegrammcp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code TELEGRAM_DATABASE_URL}: the shared PostgreSQL database of several machines, written as
 * {@code postgresql://user@host:5432/db}. The password comes from {@code TELEGRAM_DATABASE_PASSWORD} (configuration
 * file or environment), else {@code PGPASSWORD}, else the URL itself, else the PostgreSQL driver reads
 * {@code ~/.pgpass}; it is never printed ({@link #masked()}). The JDBC URL carries timeouts so that no call waits for
 * ever on a database that does not answer.
 */
public record DatabaseUrl(String host, int port, String database, String user, Optional<String> password,
        Map<String, String> parameters) {

    /** Connecting gives up after this many seconds (TCP connect and authentication). */
    public static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** A socket read gives up after this many seconds: the server died or the network dropped without a reset. */
    public static final int SOCKET_TIMEOUT_SECONDS = 30;
    /** The server cancels a statement after this long, and a lock wait after {@link #LOCK_TIMEOUT_MILLIS}. */
    public static final int STATEMENT_TIMEOUT_MILLIS = 15_000;
    public static final int LOCK_TIMEOUT_MILLIS = 10_000;

    /** Parses the URL; throws {@link IllegalArgumentException} with a message that says what to write instead. */
    public static DatabaseUrl parse(String url, Optional<String> configuredPassword, Optional<String> pgPassword) {
        String text = url.strip();
        if (text.startsWith("jdbc:")) {
            text = text.substring(5);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem("it is not a URL"));
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
            throw new IllegalArgumentException(problem("only PostgreSQL is supported, as postgresql://..."));
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(problem("the host is missing"));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isBlank() || database.contains("/")) {
            throw new IllegalArgumentException(problem("the database name is missing"));
        }
        String user = null;
        Optional<String> inUrl = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            if (colon >= 0) {
                inUrl = Optional.of(decode(info.substring(colon + 1)));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (!pair.isEmpty()) {
                    int eq = pair.indexOf('=');
                    parameters.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        if (user == null) {
            user = parameters.remove("user");
        }
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name", "postgres");
        }
        Optional<String> fromUrl = inUrl;
        Optional<String> password = configuredPassword.filter(p -> !p.isEmpty())
                .or(() -> pgPassword.filter(p -> !p.isEmpty())).or(() -> fromUrl);
        parameters.remove("password");
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, user, password,
                Map.copyOf(parameters));
    }

    private static String problem(String what) {
        return "TELEGRAM_DATABASE_URL is not usable (" + what + "); write it as postgresql://user@host:5432/database,"
                + " with the password in TELEGRAM_DATABASE_PASSWORD, PGPASSWORD or ~/.pgpass";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The JDBC URL for the pool and the wake-up listener: the user's parameters, then the timeouts it lacks. */
    public String jdbcUrl() {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.putIfAbsent("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        all.putIfAbsent("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS * 2));
        all.putIfAbsent("socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS));
        all.putIfAbsent("tcpKeepAlive", "true");
        all.putIfAbsent("ApplicationName", "telegram-mcp-server");
        all.putIfAbsent("options", "-c statement_timeout=" + STATEMENT_TIMEOUT_MILLIS + " -c lock_timeout="
                + LOCK_TIMEOUT_MILLIS + " -c idle_in_transaction_session_timeout=60000");
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(hostPart()).append(':').append(port).append('/')
                .append(URLEncoder.encode(database, StandardCharsets.UTF_8));
        char sep = '?';
        for (Map.Entry<String, String> e : all.entrySet()) {
            url.append(sep).append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            sep = '&';
        }
        return url.toString();
    }

    private String hostPart() {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** User and password (when known) for {@code Driver.connect}. */
    public Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", user);
        password.ifPresent(pw -> p.setProperty("password", pw));
        return p;
    }

    /** The URL as the user wrote it, the password replaced by {@code ***}: what logs and {@code --config} show. */
    public String masked() {
        return "postgresql://" + user + (password.isPresent() ? ":***" : "") + "@" + hostPart() + ":" + port + "/"
                + database;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return masked();
    }
}
