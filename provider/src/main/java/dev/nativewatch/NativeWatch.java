package dev.nativewatch;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.Backends;
import dev.nativewatch.spi.NativeWatchFileSystem;
import dev.nativewatch.spi.NativeWatchFileSystemProvider;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The front door: a nativewatch {@link WatchService} for the default file system, and the paths that register
 * with it.
 *
 * <pre>{@code
 * try (WatchService watcher = NativeWatch.newWatchService()) {
 *     NativeWatch.path(Path.of("src")).register(watcher,
 *             new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY}, ExtendedModifiers.SUBTREE);
 *     ...
 * }
 * }</pre>
 */
public final class NativeWatch {

    private NativeWatch() {
    }

    /**
     * {@return a new watch service for the default file system, on the best backend available here}
     *
     * @throws IOException if no backend can start
     */
    public static WatchService newWatchService() throws IOException {
        return path(FileSystems.getDefault().getPath("")).getFileSystem().newWatchService();
    }

    /**
     * Returns nativewatch's path for {@code path}, which can be registered with a nativewatch service; JDK paths
     * cannot, since their provider rejects foreign watch services. A nativewatch path is returned as it is; a
     * path of another file system (jimfs, say) gets a nativewatch path that watches it by polling.
     *
     * @param path a path of any file system
     * @return nativewatch's path for it
     * @throws NullPointerException if {@code path} is null
     */
    public static Path path(Path path) {
        return NativeWatchFileSystemProvider.wrap(path);
    }

    /**
     * Tells which backend a new service on the default file system uses, and why the others are unavailable.
     *
     * @return the backend in use and the reasons of the unavailable ones
     * @throws IOException if {@code -Ddev.nativewatch.backend} names a backend that is unknown, unavailable here,
     *                     or cannot watch the default file system
     */
    public static BackendInfo backend() throws IOException {
        // The service watches the file system nativewatch wraps, which is not the default one when nativewatch
        // is the default provider; a native backend must be asked about the wrapped one.
        Path workingDirectory = path(FileSystems.getDefault().getPath(""));
        Backend chosen = Backends.select(((NativeWatchFileSystem) workingDirectory.getFileSystem()).delegate());
        Map<String, String> unavailable = new LinkedHashMap<>();
        Backends.availability().forEach((name, reason) -> reason.ifPresent(r -> unavailable.put(name, r)));
        return new BackendInfo(chosen.name(), unavailable);
    }
}
