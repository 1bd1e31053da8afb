package io.github.telegrammcp.setup;

/** The project version, taken from the jar manifest when packaged. */
public final class Version {

    private Version() {
    }

    /** The version string, or {@code dev} when running from classes. */
    public static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
