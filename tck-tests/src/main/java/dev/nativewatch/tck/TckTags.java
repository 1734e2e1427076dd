package dev.nativewatch.tck;

/**
 * The tags of the suite's checks; each check has at least one. Select with surefire's {@code groups}, e.g.
 * {@code -Dgroups=SPEC}.
 */
public final class TckTags {

    /** The {@code java.nio.file} javadoc says so; must hold everywhere. */
    public static final String SPEC = "SPEC";
    /** What every JDK implementation does (AbstractWatchKey / AbstractPoller semantics). */
    public static final String JDK_COMMON = "JDK-COMMON";
    /**
     * What the JDK does on Linux (inotify); applies only to an implementation whose
     * {@link WatchServiceFixture#platform()} is Linux (by default, when the suite runs on Linux).
     */
    public static final String JDK_LINUX = "JDK-LINUX";
    /**
     * What the JDK does on Windows (ReadDirectoryChangesW); applies only to an implementation whose
     * {@link WatchServiceFixture#platform()} is Windows (by default, when the suite runs on Windows).
     */
    public static final String JDK_WINDOWS = "JDK-WINDOWS";
    /** A feature beyond the JDK; n/a unless the implementation claims it. */
    public static final String EXTENSION = "EXTENSION";
    /** Where the JDK has a defect; the JDK fixture declares these as expected deviations. */
    public static final String DEVIATION = "DEVIATION";

    private TckTags() {
    }
}
