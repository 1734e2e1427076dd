package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchEngine;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Windows engine of one watch service: one {@link Win32Io} (so one completion port), opened with the first
 * registration, and every handle of every watch, each with its own completion key. Everything but
 * {@link #wakeup()} runs on the service's poller thread.
 *
 * <p>A handle is released in the one safe order: {@code CancelIoEx}, wait until the aborted read's completion
 * has been dequeued, then close the handle (after which the adapter frees the read's memory). Completions of
 * other handles that turn up during that wait are kept and dispatched by the next {@link #awaitChanges}.
 *
 * <p>Besides completions, the engine checks every watched directory at a fixed interval (see
 * {@link WindowsWatch}), because the loss of a directory does not always complete its read: Wine completes
 * nothing when the directory is deleted, and Windows nothing when it is renamed.
 */
final class WindowsEngine implements WatchEngine {

    static final int DEFAULT_BUFFER_SIZE = 16 * 1024;
    /** Over the network a larger buffer fails with ERROR_INVALID_PARAMETER. */
    static final int NETWORK_BUFFER_LIMIT = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(WindowsEngine.class.getName());
    private static final long CANCEL_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Win32Io.Factory factory;
    private final long livenessNanos;
    private volatile Win32Io io;

    // Wakeups that come before the Win32Io is opened.
    private final Object idle = new Object();
    private boolean idleWakeup;

    // Confined to the poller thread.
    private final Map<Long, NotifyHandle> handles = new HashMap<>();
    private final Set<WindowsWatch> watches = new LinkedHashSet<>();
    private final ArrayDeque<Late> late = new ArrayDeque<>();
    private long lastKey = Win32Io.WAKEUP_KEY;
    private boolean wakeupSeen;
    private long nextLivenessCheck;
    private boolean closed;
    /** Confined to the poller thread; see {@link #warnOfOverflow}. */
    private int bufferOverflows;

    WindowsEngine(Win32Io.Factory factory, long livenessNanos) {
        this.factory = factory;
        this.livenessNanos = livenessNanos;
    }

    // ---- WatchEngine

    @Override
    public Object identify(Path dir) throws IOException {
        Path root = absolute(dir);
        Win32Io io = io();
        long handle = openDirectory(io, LongPaths.forCalls(io.win32Path(root)), root);
        try {
            return directoryInfo(io, handle, root).key();
        } finally {
            closeQuietly(io, handle);
        }
    }

    @Override
    public DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink) throws IOException {
        Path root = absolute(dir);
        WindowsWatch watch = new WindowsWatch(this, io(), root, spec, sink);
        watch.start();
        if (watches.isEmpty()) {
            nextLivenessCheck = System.nanoTime() + livenessNanos;
        }
        watches.add(watch);
        return watch;
    }

    @Override
    public void awaitChanges(long timeoutNanos) throws IOException {
        if (closed) {
            return;
        }
        if (!late.isEmpty()) {
            drainLate();
            return;
        }
        if (consumeWakeup()) {
            return;
        }
        Win32Io current = io;
        if (current == null) {
            awaitIdle(timeoutNanos);
            return;
        }
        awaitCompletion(current, timeoutNanos);
    }

    /**
     * Waits for one completion on the port and dispatches it, breaking the wait for the liveness check of every
     * watch ({@link WindowsWatch#checkAlive}) each time it is due.
     */
    private void awaitCompletion(Win32Io current, long timeoutNanos) throws IOException {
        long start = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (!watches.isEmpty() && now - nextLivenessCheck >= 0) {
                checkLiveness(now);
                nextLivenessCheck = System.nanoTime() + livenessNanos;
                if (!late.isEmpty() || wakeupSeen) {
                    return; // released handles on the way; the next call dispatches what came meanwhile
                }
                now = System.nanoTime();
            }
            long wait = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : timeoutNanos - (now - start);
            if (wait <= 0) {
                return;
            }
            if (!watches.isEmpty()) {
                wait = Math.min(wait, Math.max(0, nextLivenessCheck - now));
            }
            Win32Io.Completion completion = current.dequeue(wait == Long.MAX_VALUE ? Win32Io.INFINITE : ceilMillis(wait));
            if (completion == null) {
                continue;
            }
            if (completion.key() != Win32Io.WAKEUP_KEY) {
                dispatch(completion);
            }
            return;
        }
    }

    @Override
    public void wakeup() {
        Win32Io current = io;
        if (current != null) {
            current.wakeup();
        } else {
            synchronized (idle) {
                idleWakeup = true;
                idle.notifyAll();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (WindowsWatch watch : new ArrayList<>(watches)) {
            watch.cancel();
        }
        Win32Io current = io;
        if (current != null) {
            try {
                current.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the Win32 completion port failed", e);
            }
        }
    }

    // ---- for watches, on the poller thread

    /** Opens a handle on {@code path}, gives it a fresh completion key and arms its first read. */
    NotifyHandle open(WindowsWatch watch, String path, Path root, NotifyFilters.Group group, boolean subtree,
                      int bufferSize) throws IOException {
        Win32Io io = io();
        long handle = openDirectory(io, path, root);
        NotifyHandle opened = new NotifyHandle(watch, group, nextKey(), handle, subtree, bufferSize);
        try {
            io.associate(handle, opened.key);
            handles.put(opened.key, opened);
            int error = arm(opened);
            if (error != 0) {
                throw Win32Errors.readFailure(root, error);
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            handles.remove(opened.key);
            opened.closed = true;
            closeQuietly(io, handle);
            throw e;
        }
    }

    /**
     * Starts the handle's next read; a buffer over 64 KB refused with ERROR_INVALID_PARAMETER (a network share)
     * is retried at 64 KB, and kept at that size.
     *
     * @return 0, or the error of a read that failed at once (no completion will come for it)
     */
    int arm(NotifyHandle handle) throws IOException {
        while (true) {
            try {
                io.readChanges(handle.handle, handle.bufferSize, handle.subtree, handle.group.filter());
                handle.readPending = true;
                return 0;
            } catch (Win32CallException e) {
                if (e.error() == Win32Errors.ERROR_INVALID_PARAMETER && handle.bufferSize > NETWORK_BUFFER_LIMIT) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "a " + handle.bufferSize + "-byte buffer was refused;"
                            + " reading with " + NETWORK_BUFFER_LIMIT + " bytes");
                    handle.bufferSize = NETWORK_BUFFER_LIMIT;
                    continue;
                }
                return e.error();
            }
        }
    }

    /**
     * Cancels and closes handles: every pending read is cancelled, its completion awaited, and only then is its
     * handle closed. If {@code keepData}, what the last completion of such a handle carries, records or an
     * overflow, is reported later to the handle's watch, including a completion dequeued by an earlier release.
     */
    void release(Collection<NotifyHandle> released, boolean keepData) {
        Win32Io io = this.io;
        List<NotifyHandle> waiting = new ArrayList<>();
        for (NotifyHandle handle : released) {
            handle.keepLate = keepData;
            if (handle.closed || !handle.readPending) {
                continue; // no read outstanding: none ever armed, or its completion is already dequeued
            }
            try {
                io.cancel(handle.handle);
            } catch (Win32CallException e) {
                if (e.error() != Win32Errors.ERROR_NOT_FOUND) {
                    LOG.log(System.Logger.Level.DEBUG, "CancelIoEx: " + e.getMessage());
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cancelling a read failed", e);
            }
            waiting.add(handle);
        }
        awaitAborted(io, waiting);
        for (NotifyHandle handle : released) {
            if (!handle.closed) {
                handle.closed = true;
                handles.remove(handle.key);
                closeQuietly(io, handle.handle);
            }
        }
    }

    /** A watch that has let go of its handles. */
    void forget(WindowsWatch watch) {
        watches.remove(watch);
    }

    long livenessNanos() {
        return livenessNanos;
    }

    /** Brings the next liveness check forward to the next wait, as a record about the directory itself asks. */
    void checkSoon() {
        nextLivenessCheck = System.nanoTime();
    }

    // ---- internals

    /**
     * Dequeues until every read in {@code waiting} has completed. Every completion dequeued meanwhile, of any
     * handle, is parked in {@link #late} and its handle's read marked as no longer pending: its completion is
     * taken, so a later release of that handle must not wait for another one.
     */
    private void awaitAborted(Win32Io io, List<NotifyHandle> waiting) {
        long deadline = System.nanoTime() + CANCEL_WAIT_NANOS;
        while (!waiting.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                LOG.log(System.Logger.Level.WARNING, "no completion came for " + waiting.size()
                        + " cancelled read(s); their memory stays allocated until it does");
                return;
            }
            Win32Io.Completion completion;
            try {
                completion = io.dequeue(ceilMillis(left));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "waiting for cancelled reads failed", e);
                return;
            }
            if (completion == null) {
                continue;
            }
            if (completion.key() == Win32Io.WAKEUP_KEY) {
                wakeupSeen = true;
                continue;
            }
            NotifyHandle handle = handles.get(completion.key());
            if (handle == null) {
                continue; // a stale packet of a handle released before
            }
            handle.readPending = false;
            waiting.remove(handle);
            late.add(new Late(handle, completion));
        }
    }

    private void dispatch(Win32Io.Completion completion) throws IOException {
        NotifyHandle handle = handles.get(completion.key());
        if (handle == null || handle.closed) {
            return; // a stale packet of a handle already released
        }
        handle.watch.completed(handle, completion);
    }

    private void drainLate() throws IOException {
        Late next;
        while ((next = late.poll()) != null) {
            NotifyHandle handle = next.handle();
            if (!handle.closed) {
                handle.watch.completed(handle, next.completion());
            } else if (handle.keepLate) {
                handle.watch.lateData(handle, next.completion());
            }
        }
    }

    /**
     * A read's buffer overflowed, so its changes were lost and its watch reports an overflow. The first of a service is
     * a warning, naming the buffer and how to make it larger; later ones would only repeat it.
     */
    void warnOfOverflow(Path root, int bufferBytes) {
        System.Logger.Level level = bufferOverflows++ == 0 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        LOG.log(level, () -> root + ": the " + bufferBytes + "-byte change buffer overflowed, so events were lost and "
                + "the watch reports an overflow; ExtendedModifiers.bufferSize(...) makes it larger (up to 64 KB on "
                + "network shares)");
    }

    private void checkLiveness(long now) throws IOException {
        for (WindowsWatch watch : new ArrayList<>(watches)) {
            watch.checkAlive(now);
        }
    }

    private boolean consumeWakeup() {
        boolean seen = wakeupSeen;
        wakeupSeen = false;
        synchronized (idle) {
            seen |= idleWakeup;
            idleWakeup = false;
        }
        return seen;
    }

    private void awaitIdle(long timeoutNanos) {
        synchronized (idle) {
            long deadline = System.nanoTime() + timeoutNanos;
            try {
                while (!idleWakeup && io == null) {
                    long left = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody but the service interrupts its poller
            }
            idleWakeup = false;
        }
    }

    private Win32Io io() throws IOException {
        Win32Io current = io;
        if (current == null) {
            current = factory.open();
            io = current;
        }
        return current;
    }

    private long nextKey() {
        do {
            lastKey++;
        } while (lastKey == Win32Io.WAKEUP_KEY || handles.containsKey(lastKey));
        return lastKey;
    }

    static Path absolute(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    static long openDirectory(Win32Io io, String path, Path root) throws IOException {
        try {
            return io.openDirectory(path);
        } catch (Win32CallException e) {
            throw Win32Errors.openFailure(root, e);
        }
    }

    static Win32Io.FileInfo directoryInfo(Win32Io io, long handle, Path root) throws IOException {
        Win32Io.FileInfo info;
        try {
            info = io.fileInfo(handle);
        } catch (Win32CallException e) {
            throw new FileSystemException(root.toString(), null, e.getMessage());
        }
        if (!info.isDirectory()) {
            throw new NotDirectoryException(root.toString());
        }
        return info;
    }

    static void closeQuietly(Win32Io io, long handle) {
        try {
            io.closeHandle(handle);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "CloseHandle: " + e.getMessage());
        }
    }

    private static long ceilMillis(long nanos) {
        return Math.max(0, (nanos + 999_999) / 1_000_000);
    }

    /** A completion dequeued during a wait for cancelled reads, dispatched by the next {@link #awaitChanges}. */
    private record Late(NotifyHandle handle, Win32Io.Completion completion) {
    }
}
