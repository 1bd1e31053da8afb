package io.github.telegrammcp.store;

/**
 * Keeps the database server that {@code AUTO_SERVER} starts on loopback. H2 starts it with {@code -tcpAllowOthers}, so
 * without a bind address it listens on every interface, guarded only by the key in the lock file. H2 reads
 * {@code h2.bindAddress} once, when its system properties class loads, so this must run before the driver is used.
 */
public final class LoopbackServer {

    /** H2's system property for the address its servers bind to (and write into the lock file). */
    public static final String PROPERTY = "h2.bindAddress";
    static final String LOOPBACK = "127.0.0.1";

    private LoopbackServer() {
    }

    /** Binds H2's servers to 127.0.0.1 unless the property was set explicitly (by the JVM options, say). */
    public static void apply() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, LOOPBACK);
        }
    }
}
