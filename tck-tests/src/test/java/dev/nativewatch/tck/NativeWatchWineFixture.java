package dev.nativewatch.tck;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.windows.WindowsBackend;
import dev.nativewatch.backend.windows.WineBridge;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * nativewatch's core on the Windows backend, whose Win32 calls a helper program makes under Wine
 * ({@link WineBridge}): the real ReadDirectoryChangesW of a peer implementation, on this Linux machine. It
 * registers through the core ({@link CoreRegistrationFixture}) and is measured against the JDK on Windows.
 *
 * <p>The build passes the helper the provider module compiles ({@code -Ddev.nativewatch.wineBridge.exe}) and a
 * Wine prefix ({@code -Ddev.nativewatch.winePrefix}). Without wine or the helper, every check is n/a, saying why.
 * Where Wine differs from what Windows documents, the check is declared a deviation naming the difference.
 */
class NativeWatchWineFixture extends CoreRegistrationFixture {

    private static WineBridge bridge;
    private static IOException failure;

    @Override
    public String name() {
        return "nativewatch-core-wine";
    }

    @Override
    Backend backend() throws IOException {
        return new WindowsBackend(bridge());
    }

    /** @return the bridge of this JVM, started once; aborts the check where Wine or the helper is missing */
    private static synchronized WineBridge bridge() throws IOException {
        String exe = System.getProperty(WineBridge.EXE_PROPERTY);
        if (exe == null) {
            throw new TestAbortedException("-D" + WineBridge.EXE_PROPERTY + " is not set: the build passes the "
                    + "rdcw-bridge.exe that the provider module compiles");
        }
        Optional<String> reason = WineBridge.unavailabilityReason(Path.of(exe));
        if (reason.isPresent()) {
            throw new TestAbortedException(reason.get());
        }
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

    @Override
    public Platform platform() {
        return Platform.WINDOWS;
    }

    @Override
    public Map<String, String> expectedDeviations() {
        String setTime = "Wine reports a time that is set (inotify IN_ATTRIB) as an ATTRIBUTES and SECURITY change, "
                + "and fires LAST_WRITE and LAST_ACCESS only for a write (IN_MODIFY); Windows reports a set time under "
                + "its own class";
        Map<String, String> deviations = new TreeMap<>();
        deviations.putAll(WineDeclarations.subtree());
        deviations.put("Extension.lastWriteChangesHaveTheirOwnKind", setTime);
        deviations.put("Extension.lastAccessChangesHaveTheirOwnKind", setTime);
        return deviations;
    }

    @Override
    Map<String, String> backendNotApplicable() {
        return Map.of(
                "Extension.subtreeFollowsDirectoriesCreatedLater", "Wine races on brand-new subdirectories: it adds "
                        + "a new subdirectory's inotify watch when its server handles the creation, so whether a file "
                        + "created right after its directory is reported depends on timing (Windows reports it)");
    }
}
