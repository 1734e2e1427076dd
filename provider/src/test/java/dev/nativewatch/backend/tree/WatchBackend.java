package dev.nativewatch.backend.tree;

import dev.nativewatch.NativeWatch;
import dev.nativewatch.backend.Backends;
import dev.nativewatch.backend.polling.PollingBackend;
import dev.nativewatch.testing.TemporaryProperty;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.WatchService;
import java.util.Optional;

/** A backend forced through the public system property, as a user would. */
enum WatchBackend {
    INOTIFY("inotify"),
    POLLING("polling");

    /** Short enough that a test waits little for a scan, long enough not to eat a shared machine's cores. */
    static final String POLLING_INTERVAL_MILLIS = "50";

    final String backendName;

    WatchBackend(String backendName) {
        this.backendName = backendName;
    }

    /** Skips the calling test, saying why, when this backend cannot run here. */
    void assumeAvailable() {
        assumeLinux();
        Optional<String> reason = Backends.availability().get(backendName);
        Assumptions.assumeTrue(reason != null && reason.isEmpty(), () -> backendName + " is unavailable: " + reason);
    }

    /** Skips the calling test on other systems: these tests make Linux trees (raw byte names, renameat2). */
    static void assumeLinux() {
        Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux"),
                () -> "these tests make Linux trees (raw byte names, renameat2); this is "
                        + System.getProperty("os.name"));
    }

    WatchService newService() throws IOException {
        assumeAvailable();
        try (TemporaryProperty backend = TemporaryProperty.set(Backends.PROPERTY, backendName);
             TemporaryProperty interval = TemporaryProperty.set(PollingBackend.INTERVAL_PROPERTY,
                     POLLING_INTERVAL_MILLIS)) {
            return NativeWatch.newWatchService();
        }
    }
}
