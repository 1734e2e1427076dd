package dev.nativewatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of the build, which Maven writes into a resource beside this class. */
final class Version {

    private Version() {
    }

    /** @return the version, or "unknown" when the resource is missing (classes run outside the build) */
    static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
