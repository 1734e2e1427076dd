package dev.nativewatch.bench.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

/**
 * The JDK's default WatchService used recursively the way its users do (and the JDK's own WatchDir example):
 * walk the tree registering every directory, and register each directory created later when its ENTRY_CREATE is
 * taken. Nothing lists a new directory, so files created in it before its registration go unreported.
 */
final class JdkWatcher implements Watcher {

    private static final WatchEvent.Kind<?>[] KINDS = {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY};

    private WatchService service;
    private KeyConsumer consumer;

    @Override
    public void start(Path root, boolean recursive, EventSink sink) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        if (recursive) {
            registerTree(root);
        } else {
            root.register(service, KINDS);
        }
        consumer = new KeyConsumer(service, (key, event) -> handle(root, recursive, sink, key, event));
    }

    private void handle(Path root, boolean recursive, EventSink sink, WatchKey key, WatchEvent<?> event) {
        EventKind kind = KeyConsumer.kindOf(event.kind());
        if (kind == EventKind.OVERFLOW) {
            sink.onEvent(kind, null);
            return;
        }
        Path entry = ((Path) key.watchable()).resolve((Path) event.context());
        sink.onEvent(kind, root.relativize(entry).toString());
        if (recursive && kind == EventKind.CREATE && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            try {
                registerTree(entry);
            } catch (IOException | UncheckedIOException gone) {
                // Deleted again before it could be registered.
            }
        }
    }

    private void registerTree(Path top) throws IOException {
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                dir.register(service, KINDS);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public Predicate<String> ownsThread() {
        // The JDK's poller thread, and the consumer that registers new directories.
        return name -> name.equals("FileSystemWatchService") || name.equals(CONSUMER_THREAD);
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
