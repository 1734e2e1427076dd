package dev.nativewatch.bench.peers;

import io.methvin.watcher.DirectoryChangeEvent;
import io.methvin.watcher.DirectoryChangeListener;
import io.methvin.watcher.DirectoryWatcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * io.methvin:directory-watcher with its defaults (file hashing on, as its README recommends), which on Linux
 * registers every directory of the tree with the JDK's WatchService. {@code watchAsync} registers the tree before
 * it returns, then runs the event loop on the executor given, here one thread named
 * {@link Watcher#CONSUMER_THREAD}. It is always recursive; the workloads on a single directory give it a
 * directory with no subdirectories.
 */
final class DirectoryWatcherWatcher implements Watcher {

    private final AtomicLong errors = new AtomicLong();
    private DirectoryWatcher watcher;
    private ExecutorService loop;

    @Override
    public void start(Path root, boolean recursive, EventSink sink) throws IOException {
        loop = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, CONSUMER_THREAD);
            thread.setDaemon(true);
            return thread;
        });
        watcher = DirectoryWatcher.builder()
                .path(root)
                .listener(new DirectoryChangeListener() {
                    @Override
                    public void onEvent(DirectoryChangeEvent event) {
                        sink.onEvent(kindOf(event), relative(root, event));
                    }

                    @Override
                    public void onException(Exception e) {
                        // Its event loop hands here what went wrong while handling an event; counted, the first
                        // one shown, since each may stand for events that were never reported.
                        if (errors.getAndIncrement() == 0) {
                            StackTraceElement[] where = e.getStackTrace();
                            System.err.println("directory-watcher reported: " + e
                                    + (where.length > 0 ? " at " + where[0] : ""));
                        }
                    }
                })
                .build();
        watcher.watchAsync(loop);
    }

    private static EventKind kindOf(DirectoryChangeEvent event) {
        return switch (event.eventType()) {
            case CREATE -> EventKind.CREATE;
            case DELETE -> EventKind.DELETE;
            case MODIFY -> EventKind.MODIFY;
            case OVERFLOW -> EventKind.OVERFLOW;
        };
    }

    private static String relative(Path root, DirectoryChangeEvent event) {
        return event.path() == null || event.eventType() == DirectoryChangeEvent.EventType.OVERFLOW
                ? null : root.relativize(event.path()).toString();
    }

    @Override
    public long errors() {
        return errors.get();
    }

    @Override
    public Predicate<String> ownsThread() {
        // The JDK's poller thread under it, and its event loop (which also hashes files).
        return name -> name.equals("FileSystemWatchService") || name.equals(CONSUMER_THREAD);
    }

    @Override
    public void close() throws IOException {
        if (watcher != null) {
            watcher.close();
        }
        if (loop != null) {
            loop.shutdownNow();
            try {
                loop.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
