package dev.nativewatch.tck;

import java.util.Locale;

/**
 * The operating system whose JDK behaviour an implementation is measured against: the {@link TckTags#JDK_LINUX}
 * and {@link TckTags#JDK_WINDOWS} checks apply to an implementation whose {@link WatchServiceFixture#platform()}
 * is Linux or Windows respectively.
 */
public enum Platform {
    /** Linux. */
    LINUX("Linux"),
    /** Windows. */
    WINDOWS("Windows"),
    /** macOS. */
    MACOS("macOS"),
    /** Any other operating system. */
    OTHER("another OS");

    private final String displayName;

    Platform(String displayName) {
        this.displayName = displayName;
    }

    /** {@return the platform this JVM runs on} */
    public static Platform host() {
        return of(System.getProperty("os.name", ""));
    }

    /**
     * {@return the platform of an {@code os.name} value}
     *
     * @param osName a value of the {@code os.name} system property
     */
    public static Platform of(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return LINUX;
        }
        if (os.startsWith("windows")) {
            return WINDOWS;
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return MACOS;
        }
        return OTHER;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
