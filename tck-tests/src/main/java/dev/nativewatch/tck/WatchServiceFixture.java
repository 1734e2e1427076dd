package dev.nativewatch.tck;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;

/**
 * One implementation under test: how to make its watch service and the directories it watches, how to register
 * one with the other, what it claims beyond the JDK, and where it knowingly differs.
 *
 * <p>A fixture for a plain {@code java.nio.file} provider needs two methods:
 *
 * <pre>{@code
 * WatchServiceFixture fixture = new WatchServiceFixture() {
 *     public String name() { return "my-provider"; }
 *     public WatchService newWatchService() throws IOException { return fileSystem.newWatchService(); }
 *     public Path newDirectory() throws IOException { return Files.createDirectory(root.resolve("d" + n++)); }
 * };
 * }</pre>
 *
 * Check ids, as used by {@link #expectedDeviations()} and {@link #notApplicable()}, are the contract's name
 * without its {@code Contract} suffix, a dot, and the check's method name, with the parameter's display name in
 * brackets for parameterized checks: {@code Registration.unsupportedModifierIsUoe},
 * {@code Differential.matchesTheJdk[chmod]}.
 */
public interface WatchServiceFixture {

    /** {@return the implementation's name, a column of the report; letters, digits, '-' and '.' only} */
    String name();

    /**
     * {@return a new, open watch service; the contract closes it}
     *
     * @throws IOException if it cannot be opened
     */
    WatchService newWatchService() throws IOException;

    /**
     * Makes a directory to watch. Every call gives another one, on the same file system, so that entries can be
     * moved between two of them.
     *
     * @return a new, empty, existing directory that {@link #register} can watch
     * @throws IOException if it cannot be created
     */
    Path newDirectory() throws IOException;

    /**
     * Registers {@code directory} with {@code service}. The default is {@code Path.register}, which is what
     * every real caller does; a fixture overrides this only while its paths cannot register themselves.
     *
     * @param service   the service to register with
     * @param directory the directory to watch
     * @param kinds     the kinds to register
     * @param modifiers the modifiers to register with
     * @return the key
     * @throws IOException if the registration fails
     */
    default WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                              WatchEvent.Modifier... modifiers) throws IOException {
        return directory.register(service, kinds, modifiers);
    }

    /** {@return the optional features this implementation claims, with the kinds and modifiers that select them} */
    default Extensions extensions() {
        return Extensions.none();
    }

    /**
     * {@return checks this implementation is known to fail, each with the reason. Such a check still runs; it is
     * reported as an expected deviation when it fails, and fails as an unexpected pass when it passes.}
     */
    default Map<String, String> expectedDeviations() {
        return Map.of();
    }

    /** {@return checks that cannot be run against this implementation, each with the reason; they are skipped} */
    default Map<String, String> notApplicable() {
        return Map.of();
    }

    /**
     * {@return the JDK watch service that {@link DifferentialContract} compares this implementation with. A fixture for
     * a provider that replaces the JVM's default one returns a {@link JdkDefaultFixture} on the JDK's own file system,
     * which it wraps.}
     */
    default WatchServiceFixture reference() {
        return new JdkDefaultFixture();
    }

    /**
     * {@return the platform whose JDK behaviour this implementation is measured against, which decides whether the
     * {@link TckTags#JDK_LINUX} and {@link TckTags#JDK_WINDOWS} checks apply. The default is the host's; a fixture that
     * runs another platform's facility here (Windows' ReadDirectoryChangesW under Wine on Linux) names that platform.}
     */
    default Platform platform() {
        return Platform.host();
    }

    /**
     * {@return how long to wait, after a change this implementation has surely seen, before concluding that an event or
     * a signal which has not come will not come. Only checks of absence use it; every other wait ends as soon as its
     * condition holds. Polling implementations need a few polling intervals.}
     */
    default Duration quietPeriod() {
        return Duration.ofMillis(500);
    }
}
