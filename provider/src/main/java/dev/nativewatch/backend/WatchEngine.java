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
