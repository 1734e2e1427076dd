package dev.nativewatch.backend.windows;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The Wine bridge of this test JVM: prepared once (the first wineboot takes a while), or a skip saying why. */
final class WineFixture {

    private static WineBridge bridge;
    private static IOException failure;

    private WineFixture() {
    }

    /** @return the bridge, after skipping the calling test if this machine cannot run it */
    static synchronized WineBridge bridge() throws IOException {
        String exe = System.getProperty(WineBridge.EXE_PROPERTY);
        Optional<String> reason = WineBridge.unavailabilityReason(exe == null ? null : Path.of(exe));
        Assumptions.assumeTrue(reason.isEmpty(), () -> "Wine tests skipped: " + reason.orElseThrow());
        if (failure != null) {
            throw failure;
        }
        if (bridge == null) {
            Path prefix = Path.of(System.getProperty("dev.nativewatch.winePrefix", "target/wine/prefix"));
            try {
                bridge = WineBridge.start(Path.of(exe), prefix);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
        return bridge;
    }
}
