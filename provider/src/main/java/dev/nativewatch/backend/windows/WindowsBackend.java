package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.JnaSupport;
import dev.nativewatch.backend.Privileged;
import dev.nativewatch.backend.WatchEngine;

import java.nio.file.FileSystem;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Windows' {@code ReadDirectoryChangesW}: one handle per watched tree (more only for extended kinds, see
 * {@link NotifyFilters}), asynchronous reads on one I/O completion port per service, the JDK's filter and
 * action mapping for standard kinds. Available on Windows through JNA; the tests also run it under Wine, through a
 * helper program of their own that makes the same Win32 calls.
 */
public final class WindowsBackend implements Backend {

    /** How often each watched directory is checked to be still where it was registered. */
    static final Duration DEFAULT_LIVENESS_INTERVAL = Duration.ofSeconds(1);

    private static final String PROVIDER_OF_NATIVEWATCH = "dev.nativewatch.spi.NativeWatchFileSystemProvider";

    private final Win32Io.Factory factory;
    private final Duration livenessInterval;

    /** The production backend: kernel32 through JNA; available on Windows only. */
    public WindowsBackend() {
        this(null, DEFAULT_LIVENESS_INTERVAL);
    }

    /** A backend whose Win32 calls go through {@code factory}, such as the tests' Wine bridge. */
    public WindowsBackend(Win32Io.Factory factory) {
        this(factory, DEFAULT_LIVENESS_INTERVAL);
    }

    /**
     * @param livenessInterval how often each watched directory is checked to be still there (see
     *                         {@link WindowsWatch}); a deleted or moved directory invalidates its key within about
     *                         this time even when no read completes
     */
    public WindowsBackend(Win32Io.Factory factory, Duration livenessInterval) {
        if (livenessInterval.isNegative() || livenessInterval.isZero()) {
            throw new IllegalArgumentException("liveness interval must be positive: " + livenessInterval);
        }
        this.factory = factory;
        this.livenessInterval = livenessInterval;
    }

    @Override
    public String name() {
        return "windows";
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return factory != null ? Optional.empty() : Jna.REASON;
    }

    /** Windows, unless the Win32 calls go elsewhere (Wine's, through a bridge). */
    @Override
    public boolean expectedOnThisPlatform() {
        return factory == null && Jna.isWindows();
    }

    /** The platform's default file system: a "file" provider, and not nativewatch's own wrapping provider. */
    @Override
    public boolean supports(FileSystem fileSystem) {
        return "file".equalsIgnoreCase(fileSystem.provider().getScheme())
                && !fileSystem.provider().getClass().getName().equals(PROVIDER_OF_NATIVEWATCH);
    }

    @Override
    public WatchEngine newEngine(FileSystem fileSystem) {
        Win32Io.Factory chosen = factory != null ? factory : JnaWin32Io::new;
        return new WindowsEngine(chosen, TimeUnit.NANOSECONDS.convert(livenessInterval));
    }

    /** Probes the JNA adapter once: Windows, and kernel32 loadable with every function the backend binds. */
    private static final class Jna {
        static final Optional<String> REASON = Privileged.run(Jna::probe);

        static boolean isWindows() {
            String os = Privileged.property("os.name");
            return os != null && os.toLowerCase(Locale.ROOT).startsWith("windows");
        }

        private static Optional<String> probe() {
            if (!isWindows()) {
                return Optional.of("not Windows (os.name=" + Privileged.property("os.name") + ")");
            }
            // Before anything touches JNA: an old JNA would bind, and fail only later, on the poller thread.
            Optional<String> jnaProblem = JnaSupport.problem();
            if (jnaProblem.isPresent()) {
                return jnaProblem;
            }
            try {
                Kernel32Watch.INSTANCE.hashCode();
                return Optional.empty();
            } catch (Throwable t) {
                return Optional.of("kernel32 could not be bound through JNA: " + JnaSupport.explain(t));
            }
        }
    }
}
