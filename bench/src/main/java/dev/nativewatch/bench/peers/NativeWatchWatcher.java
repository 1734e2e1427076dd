package dev.nativewatch.bench.peers;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

/**
 * nativewatch through its front door: one registration, with {@code SUBTREE} for a tree. Event contexts are
 * already relative to the registered directory.
 */
final class NativeWatchWatcher implements Watcher {

    private final boolean rescanOnOverflow;
    private WatchService service;
    private KeyConsumer consumer;

    NativeWatchWatcher(boolean rescanOnOverflow) {
        this.rescanOnOverflow = rescanOnOverflow;
    }

    @Override
    public void start(Path root, boolean recursive, EventSink sink) throws IOException {
        service = NativeWatch.newWatchService();
        List<WatchEvent.Modifier> modifiers = new ArrayList<>();
        if (recursive) {
            modifiers.add(ExtendedModifiers.SUBTREE);
        }
        if (rescanOnOverflow) {
            modifiers.add(ExtendedModifiers.RESCAN_ON_OVERFLOW);
        }
        NativeWatch.path(root).register(service, new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY},
                modifiers.toArray(WatchEvent.Modifier[]::new));
        consumer = new KeyConsumer(service, (key, event) -> {
            Object context = event.context();
            sink.onEvent(KeyConsumer.kindOf(event.kind()), context == null ? null : context.toString());
        });
    }

    @Override
    public Predicate<String> ownsThread() {
        return name -> name.startsWith("nativewatch-") || name.equals(CONSUMER_THREAD);
    }

    @Override
    public void close() throws IOException {
        if (service != null) {
            service.close();
        }
        if (consumer != null) {
            consumer.join();
        }
    }
}
