package dev.mpdata.cli;

import picocli.CommandLine;

/** Prints the version recorded in the jar's manifest. */
public final class Version implements CommandLine.IVersionProvider {
    /** Creates the provider (picocli instantiates it). */
    public Version() {}

    /**
     * Returns the version lines.
     *
     * @return e.g. {@code mp 0.1.0 (Java 17.0.15)}
     */
    @Override
    public String[] getVersion() {
        return new String[] {"mp " + version() + " (Java " + System.getProperty("java.version") + ")"};
    }

    /**
     * Returns the project version, or {@code dev} when not run from the built jar.
     *
     * @return the version
     */
    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
