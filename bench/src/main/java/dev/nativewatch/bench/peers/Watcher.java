package dev.nativewatch.bench.peers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * One peer, driven the way its users drive it: start watching a directory (or a whole tree), take its events on
 * a consumer thread and hand them to a sink, close. Every workload measures every peer through this interface.
 */
public interface Watcher extends AutoCloseable {

    /** Name of the consumer thread each adapter starts; its CPU counts as the watcher's. */
    String CONSUMER_THREAD = "bench-consumer";

    /**
     * Starts watching and returns once the watch is established: every directory of the tree is watched.
     *
     * @param recursive watch the whole tree, including directories created later
     */
    void start(Path root, boolean recursive, EventSink sink) throws IOException;

    /** @return which JVM threads do this peer's watching, for thread CPU accounting (JVM peers only) */
    Predicate<String> ownsThread();

    /** @return the process id of a peer that runs as its own process, for its CPU time */
    default OptionalLong pid() {
        return OptionalLong.empty();
    }

    /**
     * Called by a workload right after each write whose event it waits for. Watchers learn of writes from the
     * kernel and ignore it; only the hand-off baseline, which watches nothing, reports what it is told here.
     */
    default void wrote(EventKind kind, String relative) {
    }

    /** @return how many errors the peer handed its listener instead of events (directory-watcher's onException) */
    default long errors() {
        return 0;
    }

    /** Stops watching and releases every thread, descriptor and kernel watch before returning. */
    @Override
    void close() throws IOException;
}
