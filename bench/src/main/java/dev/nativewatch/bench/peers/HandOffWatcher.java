package dev.nativewatch.bench.peers;

import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * No watcher at all: the floor a watcher's latency is measured against. The writing thread hands the name of what
 * it wrote, right after the write, to a consumer thread through a {@link BlockingQueue}; the consumer takes it
 * and tells the sink. What is left is the write itself and one thread hand-off, the least any watcher that
 * reports on a consumer thread can cost; a watcher adds a kernel notification and, usually, a second hand-off.
 */
final class HandOffWatcher implements Watcher {

    private record Written(EventKind kind, String relative) {
    }

    /** Tells the consumer to stop. */
    private static final Written STOP = new Written(EventKind.OVERFLOW, null);

    private final BlockingQueue<Written> queue = new LinkedBlockingQueue<>();
    private Thread consumer;

    @Override
    public void start(Path root, boolean recursive, EventSink sink) {
        consumer = new Thread(() -> consume(sink), CONSUMER_THREAD);
        consumer.setDaemon(true);
        consumer.start();
    }

    private void consume(EventSink sink) {
        try {
            for (Written next = queue.take(); next != STOP; next = queue.take()) {
                sink.onEvent(next.kind(), next.relative());
            }
        } catch (InterruptedException stopped) {
            // Closed.
        }
    }

    @Override
    public void wrote(EventKind kind, String relative) {
        queue.add(new Written(kind, relative));
    }

    @Override
    public Predicate<String> ownsThread() {
        return name -> name.equals(CONSUMER_THREAD);
    }

    @Override
    public void close() {
        if (consumer == null) {
            return;
        }
        queue.add(STOP);
        try {
            consumer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
