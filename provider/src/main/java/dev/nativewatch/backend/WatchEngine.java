package dev.nativewatch.backend;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The backend side of one watch service: it owns every native resource of that service. Every method except
 * {@link #wakeup()} is called only on the service's poller thread.
 */
public interface WatchEngine {

    /**
     * Identifies a directory, so that registering the same directory through another path (a symbolic link,
     * {@code dir/.}) returns the same key.
     *
     * @throws java.nio.file.NoSuchFileException   if it does not exist
     * @throws java.nio.file.NotDirectoryException if it is not a directory
     */
    Object identify(Path dir) throws IOException;

    /** Starts watching {@code dir}, reporting to {@code sink}. */
    DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink) throws IOException;

    /**
     * @return whether {@link #watch(Path, WatchSpec, ChangeSink, TreeListing)} hands over the listing of the whole
     * tree for {@code spec}, as it lists every directory anyway to watch it. Callable from any thread.
     */
    default boolean listsWhileWatching(WatchSpec spec) {
        return false;
    }

    /**
     * Starts watching {@code dir} as {@link #watch(Path, WatchSpec, ChangeSink)} does, and hands what it lists on
     * the way to {@code listing}; where it lists nothing, or cannot hand it over exactly, it
     * {@linkplain TreeListing#abandon abandons} the listing.
     */
    default DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink, TreeListing listing) throws IOException {
        listing.abandon("the backend does not list while it watches");
        return watch(dir, spec, sink);
    }

    /**
     * Blocks until changes have been dispatched to sinks, {@link #wakeup()} was called, or the timeout passed.
     * A wakeup that comes before this call makes it return at once.
     *
     * @param timeoutNanos how long to wait at most; {@link Long#MAX_VALUE} waits without limit
     */
    void awaitChanges(long timeoutNanos) throws IOException;

    /** Makes a current or the next {@link #awaitChanges} return. Callable from any thread. */
    void wakeup();

    /**
     * The service is closing: every watch is cancelled next, then {@link #close()} is called, and nothing is
     * registered in between. An engine whose {@code close()} frees all its native watches at once (closing an
     * inotify descriptor removes every watch it has) can let those cancellations skip freeing them one by one,
     * which for a large tree is a system call per directory. Watches cancelled before this call are freed as usual.
     */
    default void closing() {
    }

    /** Releases every resource; the watches are cancelled before this is called. */
    void close();
}
