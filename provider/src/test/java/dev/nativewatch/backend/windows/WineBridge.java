package dev.nativewatch.backend.windows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Windows backend against Wine: a {@link Win32Io.Factory} whose every {@link #open()} starts one
 * {@code rdcw-bridge.exe} under Wine (one per watch service, ended when the service's engine closes). Meant for
 * testing the backend on Linux, and part of the tests only (the provider's test jar, which tck-tests uses); the
 * helper is built by Maven with {@code x86_64-w64-mingw32-gcc} when that and {@code wine} are on the PATH.
 *
 * <pre>{@code
 * WineBridge bridge = WineBridge.start(exe, prefix);
 * WatchService service = new NativeWatchService(new WindowsBackend(bridge), FileSystems.getDefault(), p -> p);
 * }</pre>
 */
public final class WineBridge implements Win32Io.Factory {

    /** Where the build puts the helper; set for the tests by Maven. */
    public static final String EXE_PROPERTY = "dev.nativewatch.wineBridge.exe";

    private static final long WINEBOOT_TIMEOUT_MINUTES = 10;
    private static final Set<Path> READY_PREFIXES = new HashSet<>();
    private static final Map<Path, Process> KEEPERS = new HashMap<>();

    private final Path wine;
    private final Path exe;
    private final Path prefix;
    private final List<WineBridgeIo> sessions = new CopyOnWriteArrayList<>();

    private WineBridge(Path wine, Path exe, Path prefix) {
        this.wine = wine;
        this.exe = exe;
        this.prefix = prefix;
    }

    /** @return why the bridge cannot run here, or empty when it can */
    public static Optional<String> unavailabilityReason(Path exe) {
        if (exe == null || !Files.isRegularFile(exe)) {
            return Optional.of("the Wine bridge " + (exe == null ? "" : exe + " ") + "was not built: the build"
                    + " compiles it only when x86_64-w64-mingw32-gcc and wine are on the PATH (apt-get install"
                    + " gcc-mingw-w64-x86-64 wine wine64)");
        }
        if (Wine.onPath("wine").isEmpty()) {
            return Optional.of("wine is not on the PATH (apt-get install wine wine64)");
        }
        return Optional.empty();
    }

    /**
     * Checks the helper and readies the Wine prefix, running {@code wineboot} the first time a prefix is used
     * (once per JVM; it can take a while), then keeps Wine running in that prefix until this JVM exits (see
     * {@link #keepWineRunning}).
     *
     * @param exe    the compiled {@code rdcw-bridge.exe}
     * @param prefix the {@code WINEPREFIX} to use, created if missing
     */
    public static WineBridge start(Path exe, Path prefix) throws IOException {
        Optional<String> reason = unavailabilityReason(exe);
        if (reason.isPresent()) {
            throw new IOException(reason.get());
        }
        Path wine = Wine.onPath("wine").orElseThrow();
        Path absolutePrefix = prefix.toAbsolutePath().normalize();
        readyPrefix(wine, absolutePrefix);
        keepWineRunning(wine, exe.toAbsolutePath(), absolutePrefix);
        return new WineBridge(wine, exe.toAbsolutePath(), absolutePrefix);
    }

    /** Starts one helper process. */
    @Override
    public WineBridgeIo open() throws IOException {
        Path log = prefix.resolveSibling("wine-bridge.log");
        ProcessBuilder builder = new ProcessBuilder(wine.toString(), exe.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Wine.environment(builder.environment(), prefix);
        WineBridgeIo io = new WineBridgeIo(builder.start(), log);
        sessions.add(io);
        return io;
    }

    /** @return every helper this bridge started, oldest first, running or not */
    public List<WineBridgeIo> sessions() {
        return List.copyOf(sessions);
    }

    private static synchronized void readyPrefix(Path wine, Path prefix) throws IOException {
        if (READY_PREFIXES.contains(prefix)) {
            return;
        }
        Files.createDirectories(prefix.getParent());
        // Creates the prefix the first time, and brings an existing one up to date; the registry files are
        // written later, when the wine server exits, so its exit code is all there is to check.
        Path log = prefix.resolveSibling("wineboot.log");
        ProcessBuilder builder = new ProcessBuilder(wine.toString(), "wineboot", "--init")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Wine.environment(builder.environment(), prefix);
        Process boot = builder.start();
        try {
            if (!boot.waitFor(WINEBOOT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                boot.destroyForcibly();
                throw new IOException("wineboot did not finish within " + WINEBOOT_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            boot.destroyForcibly();
            throw new java.io.InterruptedIOException("interrupted while wineboot ran");
        }
        if (boot.exitValue() != 0) {
            throw new IOException("wineboot --init failed with exit code " + boot.exitValue() + "; see " + log);
        }
        READY_PREFIXES.add(prefix);
    }

    /**
     * Starts one idle helper that lives as long as this JVM: its input is a pipe that only the JVM's exit closes.
     * Wine ends its server and its system processes (services.exe, winedevice.exe, ...) as soon as its last program
     * exits; without this, every watch service would restart them, and a helper that starts while they are ending
     * fails at once with "recvmsg: Connection reset by peer".
     */
    private static synchronized void keepWineRunning(Path wine, Path exe, Path prefix) throws IOException {
        Process keeper = KEEPERS.get(prefix);
        if (keeper != null && keeper.isAlive()) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder(wine.toString(), exe.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(prefix.resolveSibling("wine-bridge.log").toFile()));
        Wine.environment(builder.environment(), prefix);
        KEEPERS.put(prefix, builder.start());
    }
}
