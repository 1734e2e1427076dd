package dev.nativewatch.backend.windows;

import dev.nativewatch.core.NativeWatchService;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.time.Duration;

/**
 * Watch services on the Windows backend against Wine, for tests outside this package: built as
 * {@link WineBackendTest} builds its own, with contexts left as the default file system's paths.
 */
public final class WineWatchServices {

    private WineWatchServices() {
    }

    /** Skips the calling test, saying why, when this machine cannot run Wine's tests; readies Wine otherwise. */
    public static void assumeAvailable() throws IOException {
        WineFixture.bridge();
    }

    /**
     * @return a new service whose backend runs its own bridge helper, started with its first registration
     * @throws org.opentest4j.TestAbortedException when this machine cannot run Wine's tests, saying why
     */
    public static NativeWatchService open() throws IOException {
        WineBridge bridge = WineFixture.bridge();
        return new NativeWatchService(new WindowsBackend(() -> bridge.open(), Duration.ofMillis(200)),
                FileSystems.getDefault(), relative -> relative);
    }
}
