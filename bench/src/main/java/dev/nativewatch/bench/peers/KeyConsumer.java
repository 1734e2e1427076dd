package dev.nativewatch.bench.peers;

import java.nio.file.ClosedWatchServiceException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.BiConsumer;

/**
 * The loop every WatchService user writes: take a key, handle its events, reset it, until the service closes.
 * It runs on its own thread, named {@link Watcher#CONSUMER_THREAD}.
 */
final class KeyConsumer {

    private final Thread thread;

    KeyConsumer(WatchService service, BiConsumer<WatchKey, WatchEvent<?>> handler) {
        thread = new Thread(() -> loop(service, handler), Watcher.CONSUMER_THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    private static void loop(WatchService service, BiConsumer<WatchKey, WatchEvent<?>> handler) {
        try {
            while (true) {
                WatchKey key = service.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    handler.accept(key, event);
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            // The service closed: the watcher is done.
        }
    }

    /** Waits for the loop to end once its service has been closed. */
    void join() {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the peer's kind of a standard event kind */
    static EventKind kindOf(WatchEvent.Kind<?> kind) {
        return switch (kind.name()) {
            case "ENTRY_CREATE" -> EventKind.CREATE;
            case "ENTRY_DELETE" -> EventKind.DELETE;
            case "OVERFLOW" -> EventKind.OVERFLOW;
            default -> EventKind.MODIFY;
        };
    }
}
