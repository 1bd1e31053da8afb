package io.github.telegrammcp.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

import io.github.telegrammcp.config.StateDirectory;

/**
 * The JDBC driver the pool opens connections with: H2's own, with two duties of this server's around it. H2's servers
 * listen on loopback only ({@link LoopbackServer}, applied before H2's driver loads). And while the state directory
 * cannot take a file (a full or read-only disk), every new connection fails at once with that reason instead of
 * spending seconds in H2's attempts to write its lock file, so tool answers, waits and the exit stay prompt; a small
 * test write per attempt tells when the directory works again.
 */
public final class StateStoreDriver implements Driver {

    static {
        // Before the H2 driver first loads: its server must listen on loopback only.
        LoopbackServer.apply();
    }

    private static final String PREFIX = "jdbc:h2:";
    /** Set when opening failed because of the state directory itself; cleared once it takes a file again. */
    private static volatile boolean directoryBroken;

    private final Driver h2 = new org.h2.Driver();

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Optional<Path> dir = stateDirectory(url);
        if (directoryBroken && dir.isPresent()) {
            Optional<String> problem = StateDirectory.problem(dir.get());
            if (problem.isPresent()) {
                throw new SQLException(problem.get(), "08001");
            }
            directoryBroken = false;
        }
        Optional<String> host = dir.isPresent() && url.contains("AUTO_SERVER=TRUE")
                ? StoreHostLauncher.ensureHost(dir.get())
                : Optional.empty();
        try {
            return h2.connect(host.map(h -> remoteUrl(url, h)).orElse(url), info);
        } catch (SQLException e) {
            if (dir.isPresent() && StateDirectory.problem(dir.get()).isPresent()) {
                directoryBroken = true;
            }
            throw e;
        }
    }

    /**
     * The state store's URL for a process that opens it without the server (the permission hook): the options of
     * {@code quarkus.datasource.jdbc.url}, which keep failover safe.
     */
    public static String url(Path stateDir) {
        return PREFIX + "async:" + stateDir.resolve("state")
                + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;LOCK_TIMEOUT=10000;NETWORK_TIMEOUT=15000;WRITE_DELAY=0";
    }

    /**
     * The URL that reaches the database through the host that serves it ({@code address:port/key} from H2's lock file)
     * with the options of {@code url} but never opens the file itself, as {@code AUTO_SERVER} would when the host is
     * gone (this process would then host the database until it ends, inside an assistant's process group). Without
     * {@code AUTO_RECONNECT} a connection to a host that went away fails, and the pool opens a new one, through
     * {@link StoreHostLauncher} again.
     */
    static String remoteUrl(String url, String host) {
        StringBuilder remote = new StringBuilder(PREFIX).append("tcp://").append(host);
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            String option = parts[i].toUpperCase(java.util.Locale.ROOT);
            if (!option.startsWith("AUTO_SERVER") && !option.startsWith("AUTO_RECONNECT") && !parts[i].isBlank()) {
                remote.append(';').append(parts[i]);
            }
        }
        return remote.toString();
    }

    /** The directory of the database file named in an H2 URL ({@code jdbc:h2:async:/x/state;...} gives /x). */
    static Optional<Path> stateDirectory(String url) {
        String rest = url.substring(PREFIX.length());
        int options = rest.indexOf(';');
        String file = options < 0 ? rest : rest.substring(0, options);
        for (String scheme : new String[] { "async:", "file:", "nio:", "split:" }) {
            if (file.startsWith(scheme)) {
                file = file.substring(scheme.length());
            }
        }
        if (file.startsWith("mem:") || file.startsWith("tcp:") || file.startsWith("ssl:") || file.isBlank()) {
            return Optional.empty();
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        return Optional.ofNullable(parent);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        return h2.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
        return h2.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
        return h2.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
        return h2.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return h2.getParentLogger();
    }
}
