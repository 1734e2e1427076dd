package dev.nativewatch.backend.tree;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;
import dev.nativewatch.spi.NativeWatchPath;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

/**
 * A watch service read by a thread of its own, so that no key reaches its event cap while a test is busy
 * changing the tree. Everything it saw is kept: events (with their key), overflows, keys found invalid.
 */
final class Watching implements AutoCloseable {

    /** One event as the service delivered it. */
    record Event(WatchKey key, WatchEvent.Kind<?> kind, Path context) {
        @Override
        public String toString() {
            return kind.name() + (context == null ? "" : " " + RawPaths.printable(RawPaths.relativeBytes(context)));
        }
    }

    static final WatchEvent.Kind<?>[] CREATE_DELETE_MODIFY = {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY};

    private final WatchService service;
    private final Thread reader;
    private final List<Event> events = new ArrayList<>();
    private final List<WatchKey> invalidKeys = new ArrayList<>();
    private Throwable readerFailure;

    Watching(WatchBackend backend) throws IOException {
        this(backend.newService());
    }

    /** Reads {@code service}, a nativewatch service of the default file system, until it is closed. */
    Watching(WatchService service) {
        this.service = service;
        reader = new Thread(this::read, "tree-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    WatchService service() {
        return service;
    }

    /**
     * Registers the whole tree at {@code dir} (a default-file-system path) for create, delete and modify, with
     * any {@code more} modifiers.
     */
    WatchKey registerTree(Path dir, WatchEvent.Modifier... more) throws IOException {
        WatchEvent.Modifier[] modifiers = java.util.Arrays.copyOf(more, more.length + 1);
        modifiers[more.length] = ExtendedModifiers.SUBTREE;
        return register(dir, CREATE_DELETE_MODIFY, modifiers);
    }

    WatchKey register(Path dir, WatchEvent.Kind<?>[] kinds, WatchEvent.Modifier... modifiers) throws IOException {
        return NativeWatch.path(dir).register(service, kinds, modifiers);
    }

    private void read() {
        try {
            while (true) {
                WatchKey key = service.take();
                List<WatchEvent<?>> polled = key.pollEvents();
                boolean valid = key.reset();
                synchronized (this) {
                    for (WatchEvent<?> event : polled) {
                        events.add(new Event(key, event.kind(), (Path) event.context()));
                    }
                    if (!valid) {
                        invalidKeys.add(key);
                    }
                    notifyAll();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            // The service was closed: the reader's work is done.
        } catch (Throwable t) {
            synchronized (this) {
                readerFailure = t;
                notifyAll();
            }
        }
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized int eventCount() {
        return events.size();
    }

    synchronized boolean overflowed() {
        return events.stream().anyMatch(e -> e.kind() == StandardWatchEventKinds.OVERFLOW);
    }

    synchronized boolean invalidated(WatchKey key) {
        return invalidKeys.contains(key);
    }

    synchronized boolean anyInvalidated() {
        return !invalidKeys.isEmpty();
    }

    /**
     * Waits until {@code condition} holds for the events so far, or the deadline passes.
     *
     * @return whether it holds
     */
    synchronized boolean await(Predicate<List<Event>> condition, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.test(events)) {
            if (readerFailure != null) {
                throw new AssertionError("the test's reader of the watch service failed", readerFailure);
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, Math.min(left / 1_000_000, 200)));
        }
        return true;
    }

    /** Waits until no event has arrived for {@code quiet}, but no longer than {@code atMost}. */
    void awaitQuiet(Duration quiet, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        int seen = eventCount();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(50, quiet.toMillis()));
            int now = eventCount();
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= quiet.toNanos()) {
                return;
            }
        }
    }

    /**
     * @return whether {@code event} is an ENTRY_CREATE whose context, resolved against {@code base} (where the
     * watched directory is now), is {@code file} itself, compared by file key
     */
    static boolean reports(Event event, Path base, Object fileKey) {
        return event.kind() == ENTRY_CREATE && Objects.equals(fileKey, keyOf(base, event.context()));
    }

    /** @return the file key of what {@code context} names under {@code base}, or null when nothing is there */
    static Object keyOf(Path base, Path context) {
        if (context == null) {
            return null;
        }
        try {
            Path resolved = inFileSystemOf(context, base).resolve(context);
            return Files.readAttributes(resolved, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }

    /**
     * @return the default-file-system {@code path} in the file system of an event's {@code context}: a service
     * made by {@link NativeWatch} gives nativewatch's paths, one built on a backend directly may give the JDK's
     */
    static Path inFileSystemOf(Path context, Path path) {
        return context instanceof NativeWatchPath ? NativeWatch.path(path) : path;
    }

    /** @return the file key of an existing entry, not following a final link */
    static Object keyOf(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /** Waits (generously) until {@code file} has been reported as created, relative to {@code base}. */
    boolean awaitCreated(Path base, Path file, Duration deadline) throws InterruptedException, IOException {
        Object key = keyOf(file);
        return await(seen -> seen.stream().anyMatch(e -> reports(e, base, key)), deadline);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        service.close();
        reader.join(Duration.ofSeconds(30).toMillis());
        if (reader.isAlive()) {
            throw new AssertionError("the watch service's close() did not end take() within 30 s");
        }
    }
}
