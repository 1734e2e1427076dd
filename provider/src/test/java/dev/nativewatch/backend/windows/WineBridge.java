package dev.nativewatch.backend.windows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
    private static final Map<Path, WineBridgeIo> KEEPERS = new HashMap<>();
    private static final int STARTS = 3;
    /** Long enough for a departing Wine server to have ended (under 2 s here). */
    private static final long RESTART_PAUSE_MILLIS = 3000;

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
     * (once per JVM; it can take a while). Wine is kept running in that prefix from the first helper on, until this
     * JVM exits (see {@link #keepWineRunning}).
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
        return new WineBridge(wine, exe.toAbsolutePath(), absolutePrefix);
    }

    /** Starts one helper process, once Wine has shown that it runs in this prefix. */
    @Override
    public WineBridgeIo open() throws IOException {
        keepWineRunning(wine, exe, prefix);
        WineBridgeIo io = startAnswering(wine, exe, prefix);
        sessions.add(io);
        return io;
    }

    /** @return the compiled helper this bridge runs */
    Path exe() {
        return exe;
    }

    /** @return the {@code WINEPREFIX} this bridge runs its helpers in */
    Path prefix() {
        return prefix;
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
     * Keeps one idle helper running as long as this JVM: its input is a pipe that only the JVM's exit closes.
     * Wine ends its server and its system processes (services.exe, winedevice.exe, ...) as soon as its last program
     * exits; without this, every watch service would restart them, and a helper that starts while they are ending
     * fails at once, or is ended by the departing server (exit code 1, with nothing said). The idle helper can meet
     * that fate too when it starts right after wineboot, so it is checked before every helper starts, and replaced,
     * saying so in the log, when it has ended.
     */
    private static synchronized void keepWineRunning(Path wine, Path exe, Path prefix) throws IOException {
        WineBridgeIo keeper = KEEPERS.get(prefix);
        if (keeper != null && keeper.process().isAlive()) {
            return;
        }
        if (keeper != null) {
            note(prefix, "the idle helper that keeps Wine running ended (exit code " + keeper.process().exitValue()
                    + "); starting another");
        }
        KEEPERS.put(prefix, startAnswering(wine, exe, prefix));
    }

    /**
     * Starts a helper and waits for its first answer. One that Wine ends before it answers, for the reason given at
     * {@link #keepWineRunning}, is started again, up to {@value #STARTS} times in all, and the log says so; one
     * that ended after answering is the test's failure to see, never retried.
     */
    static WineBridgeIo startAnswering(Path wine, Path exe, Path prefix) throws IOException {
        Path log = log(prefix);
        for (int attempt = 1; ; attempt++) {
            ProcessBuilder builder = new ProcessBuilder(wine.toString(), exe.toString())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Wine.environment(builder.environment(), prefix);
            // Wine's own error messages, into the log that a bridge's failure quotes.
            builder.environment().put("WINEDEBUG", "-all,err+all");
            WineBridgeIo io = new WineBridgeIo(builder.start(), log);
            try {
                io.stats();
                return io;
            } catch (IOException startFailed) {
                boolean ended = !io.process().isAlive();
                try {
                    io.close();
                } catch (IOException notEnded) {
                    startFailed.addSuppressed(notEnded);
                }
                if (!ended || attempt == STARTS) {
                    throw startFailed;
                }
                note(prefix, "a helper ended before it answered (exit code " + io.process().exitValue()
                        + "); starting it again, " + (attempt + 1) + " of " + STARTS);
                pause(RESTART_PAUSE_MILLIS);
            }
        }
    }

    /** @return the log beside {@code prefix}: what the helpers write to their standard error, and these notes */
    static Path log(Path prefix) {
        return prefix.resolveSibling("wine-bridge.log");
    }

    private static void note(Path prefix, String line) throws IOException {
        Files.writeString(log(prefix), "[nativewatch tests] " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to start a Wine bridge again");
        }
    }
}
