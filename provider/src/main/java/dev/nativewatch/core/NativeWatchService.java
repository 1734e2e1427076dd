package dev.nativewatch.core;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.Privileged;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.Watchable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The {@link WatchService} of every backend: the queue of signalled keys, registration checks in the JDK's
 * order, and close. Everything native happens on one poller thread, which this service starts.
 */
public final class NativeWatchService implements WatchService {

    /** Queued on close; every taker that meets it puts it back, so that all blocked takers wake. */
    private static final WatchKey CLOSED = new ClosedKey();

    private final LinkedBlockingDeque<WatchKey> signalledKeys = new LinkedBlockingDeque<>();
    private final FileSystem fileSystem;
    private final UnaryOperator<Path> contextFactory;
    private final int maxEventsPerKey;
    private final Poller poller;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    /**
     * Starts a service on the given backend.
     *
     * @param fileSystem     the file system whose directories it watches
     * @param contextFactory turns a backend's relative path into the event context the user sees
     */
    public NativeWatchService(Backend backend, FileSystem fileSystem, UnaryOperator<Path> contextFactory)
            throws IOException {
        this.fileSystem = fileSystem;
        this.contextFactory = contextFactory;
        this.maxEventsPerKey = EventLimit.fromSystemProperty();
        // The engine (an inotify instance, a completion port) and the poller thread are the provider's own.
        this.poller = new Poller(backend.name(), Privileged.call(() -> backend.newEngine(fileSystem)), this);
    }

    /** @return the file system whose directories this service watches */
    public FileSystem fileSystem() {
        return fileSystem;
    }

    /** @return the name of the backend this service runs on */
    public String backendName() {
        return poller.backendName();
    }

    /**
     * Registers a directory. The checks and their exceptions follow the JDK, in its order: under a SecurityManager
     * the caller's read permission on the directory (SecurityException), kinds (NPE, UOE,
     * IAE), a closed service (CWSE), modifiers (NPE, UOE), then the file system (NoSuchFileException,
     * NotDirectoryException, other IOExceptions). A null modifier array is an NPE here, not the poller-thread
     * failure it is in the JDK.
     *
     * @param directory the directory, as a path of {@link #fileSystem()}
     * @param watchable what the key's {@code watchable()} returns
     */
    public WatchKey register(Path directory, Watchable watchable, WatchEvent.Kind<?>[] kinds,
                             WatchEvent.Modifier... modifiers) throws IOException {
        PermissionChecks.checkRead(directory);
        Set<WatchEvent.Kind<?>> validKinds = EventKinds.validate(kinds);
        checkOpen();
        RegistrationOptions options = RegistrationOptions.parse(modifiers, fileSystem);
        if (options.subtree()) {
            PermissionChecks.checkReadSubtree(directory);
        }
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(watchable, "watchable");
        if (directory.getFileSystem() != fileSystem) {
            throw new ProviderMismatchException(directory + " is not a path of " + fileSystem);
        }
        return poller.register(directory, watchable, new Registration(validKinds, options));
    }

    @Override
    public WatchKey poll() {
        checkOpen();
        return delivered(signalledKeys.poll());
    }

    @Override
    public WatchKey poll(long timeout, TimeUnit unit) throws InterruptedException {
        checkOpen();
        return delivered(signalledKeys.poll(timeout, unit));
    }

    @Override
    public WatchKey take() throws InterruptedException {
        checkOpen();
        return delivered(signalledKeys.take());
    }

    /** Closes the service: every key becomes invalid, the poller releases everything, blocked takers wake. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            poller.shutdown();
            signalledKeys.clear();
            signalledKeys.offer(CLOSED);
        }
    }

    /** @return whether the service is open */
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public String toString() {
        return "NativeWatchService[" + backendName() + (closed ? ", closed" : "") + "]";
    }

    // ---- for keys and the poller

    int maxEventsPerKey() {
        return maxEventsPerKey;
    }

    Path context(Path relative) {
        return contextFactory.apply(relative);
    }

    void enqueue(NativeWatchKey key) {
        signalledKeys.offer(key);
    }

    void cancelled(NativeWatchKey key) {
        if (!closed) {
            poller.cancel(key);
        }
    }

    void invalidatedByBackend(NativeWatchKey key, String reason) {
        poller.forget(key, reason);
    }

    void wakePoller() {
        poller.wakeup();
    }

    boolean isClosed() {
        return closed;
    }

    private WatchKey delivered(WatchKey key) {
        if (key == CLOSED) {
            signalledKeys.offer(CLOSED);
            throw new ClosedWatchServiceException();
        }
        if (key instanceof NativeWatchKey ours) {
            ours.dequeued();
        }
        return key;
    }

    private void checkOpen() {
        if (closed) {
            throw new ClosedWatchServiceException();
        }
    }

    /** The close sentinel; never handed to a caller. */
    private static final class ClosedKey implements WatchKey {
        @Override
        public boolean isValid() {
            return false;
        }

        @Override
        public List<WatchEvent<?>> pollEvents() {
            return List.of();
        }

        @Override
        public boolean reset() {
            return false;
        }

        @Override
        public void cancel() {
        }

        @Override
        public Watchable watchable() {
            return null;
        }
    }
}
