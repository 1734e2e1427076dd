package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryIdentity;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchEngine;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static dev.nativewatch.backend.linux.InotifyApi.IN_CREATE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE_SELF;
import static dev.nativewatch.backend.linux.InotifyApi.IN_IGNORED;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_FROM;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_TO;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVE_SELF;
import static dev.nativewatch.backend.linux.InotifyApi.IN_Q_OVERFLOW;
import static dev.nativewatch.backend.linux.InotifyApi.IN_UNMOUNT;

/**
 * The inotify engine of one watch service: one inotify descriptor for all its watches, and one eventfd that
 * {@link #wakeup()} writes to. {@link #awaitChanges} polls both, reads whole buffers of events, decodes them and
 * hands each to the registrations whose directories it concerns.
 *
 * <p>One kernel watch may serve several registrations ({@link KernelWatchTable}): each event on it goes to each of
 * them, and each filters by its own spec.
 *
 * <p>Renames: {@code IN_MOVED_FROM} is held back until the next event. If that is the {@code IN_MOVED_TO} with the
 * same cookie the two are one rename; otherwise the entry left (it was moved out of every watched directory). A
 * FROM at the end of a read waits for the next read only if that read has events at once.
 *
 * <p>Subtree registrations report the contents of a directory that enters the tree as created. The contents are
 * listed after the directory is watched, so an entry created meanwhile may be both listed and reported by its own
 * queued {@code IN_CREATE}: the engine remembers the names each listing reported ({@link ScanMarks}) until the
 * queue has been read empty, and drops the duplicate event.
 *
 * <p>Everything but {@link #wakeup()} runs on the service's poller thread.
 */
final class InotifyEngine implements WatchEngine {

    private static final System.Logger LOG = System.getLogger(InotifyEngine.class.getName());

    /** Room for 2048 events with short names, 240 with the longest (16 + NAME_MAX + 1 bytes each). */
    static final int READ_BUFFER_BYTES = 64 * 1024;
    /** Room for about 1000 entries with short names per {@code getdents64}, as the C library's readdir uses. */
    private static final int LISTING_BUFFER_BYTES = 32 * 1024;
    /** How many buffers one wait reads at most before returning, so that requests to the poller are not starved. */
    private static final int MAX_READS_PER_WAIT = 16;
    /** {@code NAME_MAX}: the longest file name, in bytes, without its NUL. */
    private static final int NAME_MAX = 255;
    /** The largest record a read returns: the header, then the longest name and its NUL (256, padded to no more). */
    static final int MAX_RECORD_BYTES = InotifyEventDecoder.HEADER_BYTES + NAME_MAX + 1;

    private final InotifyApi api;
    private final int inotifyFd;
    private final int wakeupFd;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ByteBuffer wakeupBuffer = ByteBuffer.allocateDirect(Long.BYTES);
    /** Where directories are listed; a listing is never nested in another. */
    private final ByteBuffer listingBuffer = ByteBuffer.allocateDirect(LISTING_BUFFER_BYTES);
    private final InotifyApi.PollSet pollSet;
    private final KernelWatchTable watches;

    /** Guards the descriptors against wakeups from other threads while they are closed. */
    private final Object descriptorLock = new Object();
    private boolean closed;

    // Confined to the poller thread.
    private final Set<InotifyWatch> registrations = new LinkedHashSet<>();
    private final ScanMarks marks = new ScanMarks();
    private InotifyEvent pendingFrom;
    /** {@link #dispatch}, made once rather than on each read. */
    private final Consumer<InotifyEvent> dispatcher = this::dispatch;

    private InotifyEngine(InotifyApi api, int inotifyFd, int wakeupFd) {
        this.api = api;
        this.inotifyFd = inotifyFd;
        this.wakeupFd = wakeupFd;
        this.watches = new KernelWatchTable(api, inotifyFd);
        this.pollSet = api.pollSet(inotifyFd, wakeupFd);
    }

    /**
     * Creates the inotify instance and the wakeup eventfd of a new service.
     *
     * @throws IOException naming {@code fs.inotify.max_user_instances} when this user has too many instances
     */
    static InotifyEngine open(InotifyApi api) throws IOException {
        int inotifyFd;
        try {
            inotifyFd = api.inotifyInit();
        } catch (InotifyException e) {
            throw e.errno() == InotifyApi.EMFILE ? InotifyLimits.instancesExhausted(e) : e;
        }
        int wakeupFd = -1;
        try {
            wakeupFd = api.eventFd();
            return new InotifyEngine(api, inotifyFd, wakeupFd);
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(api, inotifyFd);
            if (wakeupFd >= 0) {
                closeQuietly(api, wakeupFd);
            }
            throw e;
        }
    }

    // ---- WatchEngine

    @Override
    public Object identify(Path dir) throws IOException {
        return DirectoryIdentity.of(dir);
    }

    @Override
    public DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink) throws IOException {
        InotifyWatch watch = new InotifyWatch(this, dir.toAbsolutePath(), spec, sink);
        watch.start();
        registrations.add(watch);
        return watch;
    }

    @Override
    public void awaitChanges(long timeoutNanos) throws IOException {
        int ready = pollSet.poll(pollTimeout(timeoutNanos));
        if ((ready & InotifyApi.READY_WAKEUP) != 0) {
            api.read(wakeupFd, wakeupBuffer);
        }
        if ((ready & InotifyApi.READY_INOTIFY) != 0) {
            readEvents();
        }
    }

    @Override
    public void wakeup() {
        synchronized (descriptorLock) {
            if (closed) {
                return;
            }
            try {
                api.signal(wakeupFd);
            } catch (InotifyException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot wake the inotify poller", e);
            }
        }
    }

    /**
     * Closing the inotify descriptor removes every kernel watch at once, so the registrations released next forget
     * theirs without removing them one by one: a system call per watched directory otherwise.
     */
    @Override
    public void closing() {
        watches.closing();
    }

    /**
     * Closes both descriptors, which removes whatever kernel watches are left, and frees the poll set. Runs on the
     * poller thread like every wait, so no wait can still be using the set.
     */
    @Override
    public void close() {
        synchronized (descriptorLock) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(api, inotifyFd);
            closeQuietly(api, wakeupFd);
        }
        pollSet.close();
        watches.clear();
        registrations.clear();
        marks.clear();
        pendingFrom = null;
    }

    // ---- reading and dispatching

    /**
     * Reads and dispatches until the queue is empty, or until {@link #MAX_READS_PER_WAIT} buffers; poll is
     * level-triggered, so whatever arrives meanwhile is read on the next wait.
     */
    private void readEvents() throws IOException {
        for (int reads = 1; ; reads++) {
            marks.readBegins();
            int count = api.read(inotifyFd, readBuffer);
            if (count <= 0) {
                queueEmpty();
                return;
            }
            readBuffer.clear().limit(count);
            if (!InotifyEventDecoder.decode(readBuffer, FileNames.CHARSET, dispatcher)) {
                LOG.log(System.Logger.Level.WARNING, "an inotify read of " + count + " bytes did not decode at offset "
                        + readBuffer.position() + "; treating the rest as lost events");
                flushPendingFrom();
                overflowAll();
            }
            if (emptiedQueue(count)) {
                queueEmpty();
                return;
            }
            if (reads >= MAX_READS_PER_WAIT && (pendingFrom == null || reads >= 2 * MAX_READS_PER_WAIT)) {
                flushPendingFrom();
                return;
            }
        }
    }

    /**
     * Whether a read of {@code count} bytes, now handled, leaves nothing that another read could still owe: one
     * that would only return {@code EAGAIN} is saved, a system call per wakeup. The kernel fills the buffer with
     * as many whole records as fit, so a read that left room for the largest took everything queued when it ran.
     * Not when an {@code IN_MOVED_FROM} is held back, whose {@code IN_MOVED_TO} may follow at once and is worth one
     * more read; nor when handling the read marked directories: their scans ran after it, and the duplicate events
     * the marks are for may have been queued after it too.
     */
    private boolean emptiedQueue(int count) {
        return readBuffer.capacity() - count >= MAX_RECORD_BYTES && pendingFrom == null
                && !marks.addedSinceReadBegan();
    }

    /**
     * Every event queued before the last read has been handled, and no directory was marked after that read
     * began: the names that scans reported can be forgotten.
     */
    private void queueEmpty() {
        flushPendingFrom();
        marks.clear();
    }

    private void dispatch(InotifyEvent event) {
        if (event.has(IN_Q_OVERFLOW)) {
            flushPendingFrom();
            LOG.log(System.Logger.Level.DEBUG, () -> "the inotify queue overflowed; fs.inotify.max_queued_events = "
                    + InotifyLimits.current(InotifyLimits.MAX_QUEUED_EVENTS));
            overflowAll();
            return;
        }
        if (pendingFrom != null) {
            if (event.has(IN_MOVED_TO) && event.cookie() == pendingFrom.cookie()) {
                InotifyEvent from = pendingFrom;
                pendingFrom = null;
                renamed(from, event);
                return;
            }
            flushPendingFrom();
        }
        KernelWatch kernel = watches.get(event.wd());
        if (kernel == null) {
            return; // A watch already removed: its last events and its IN_IGNORED still arrive.
        }
        deliver(event, kernel);
    }

    /** Hands an event to the directories of the kernel watch it came from, by what it says happened. */
    private void deliver(InotifyEvent event, KernelWatch kernel) {
        if (event.has(IN_IGNORED)) {
            removedByKernel(kernel);
        } else if (event.has(IN_UNMOUNT)) {
            unmounted(kernel);
        } else if (event.has(IN_DELETE_SELF)) {
            invalidateRoots(kernel, "the watched directory was deleted");
        } else if (event.has(IN_MOVE_SELF)) {
            Object dirs = kernel.directories();
            for (int i = 0, n = KernelWatch.count(dirs); i < n; i++) {
                WatchedDirectory dir = KernelWatch.get(dirs, i);
                if (dir.isRoot() && !dir.detached) {
                    dir.owner.rootMoved();
                }
            }
        } else if (event.name() == null) {
            // An event on the watched directory itself: the JDK reports none, and a subtree reports it through
            // the parent directory's watch.
        } else if (event.has(IN_MOVED_FROM)) {
            pendingFrom = event;
        } else {
            Object dirs = kernel.directories();
            for (int i = 0, n = KernelWatch.count(dirs); i < n; i++) {
                WatchedDirectory dir = KernelWatch.get(dirs, i);
                if (event.has(IN_CREATE | IN_MOVED_TO)) {
                    dir.owner.entryCreated(dir, event.name(), event.isDirectory());
                } else if (event.has(IN_DELETE)) {
                    dir.owner.entryDeleted(dir, event.name());
                } else {
                    dir.owner.entryModified(dir, event.name(), event.mask());
                }
            }
        }
    }

    /** An {@code IN_MOVED_FROM} with no {@code IN_MOVED_TO} after it: the entry left every watched directory. */
    private void flushPendingFrom() {
        InotifyEvent from = pendingFrom;
        if (from == null) {
            return;
        }
        pendingFrom = null;
        KernelWatch kernel = watches.get(from.wd());
        if (kernel != null) {
            Object dirs = kernel.directories();
            for (int i = 0, n = KernelWatch.count(dirs); i < n; i++) {
                WatchedDirectory dir = KernelWatch.get(dirs, i);
                dir.owner.entryDeleted(dir, from.name());
            }
        }
    }

    /**
     * One rename, told to each registration by what it sees of it: both directories (a rename), only the old one
     * (the entry left) or only the new one (the entry arrived).
     */
    private void renamed(InotifyEvent from, InotifyEvent to) {
        KernelWatch fromKernel = watches.get(from.wd());
        KernelWatch toKernel = watches.get(to.wd());
        Object fromDirs = fromKernel == null ? null : fromKernel.directories();
        Object toDirs = toKernel == null ? null : toKernel.directories();
        for (int i = 0, n = KernelWatch.count(fromDirs); i < n; i++) {
            WatchedDirectory fromDir = KernelWatch.get(fromDirs, i);
            WatchedDirectory toDir = ownedBy(toDirs, fromDir.owner);
            if (toDir != null) {
                fromDir.owner.entryRenamed(fromDir, from.name(), toDir, to.name(), to.isDirectory());
            } else {
                fromDir.owner.entryDeleted(fromDir, from.name());
            }
        }
        for (int i = 0, n = KernelWatch.count(toDirs); i < n; i++) {
            WatchedDirectory toDir = KernelWatch.get(toDirs, i);
            if (ownedBy(fromDirs, toDir.owner) == null) {
                toDir.owner.entryCreated(toDir, to.name(), to.isDirectory());
            }
        }
    }

    /** @param dirs a result of {@link KernelWatch#directories()}, or null for none */
    private static WatchedDirectory ownedBy(Object dirs, InotifyWatch owner) {
        for (int i = 0, n = KernelWatch.count(dirs); i < n; i++) {
            WatchedDirectory dir = KernelWatch.get(dirs, i);
            if (dir.owner == owner && !dir.detached) {
                return dir;
            }
        }
        return null;
    }

    /** {@code IN_IGNORED}: the kernel removed the watch, because its directory was deleted or unmounted. */
    private void removedByKernel(KernelWatch kernel) {
        watches.removedByKernel(kernel);
        Object dirs = kernel.directories();
        for (int i = 0, n = KernelWatch.count(dirs); i < n; i++) {
            WatchedDirectory dir = KernelWatch.get(dirs, i);
            if (dir.detached) {
                continue;
            }
            if (dir.isRoot()) {
                dir.owner.invalidate("the watched directory was deleted or its file system unmounted");
            } else {
                dir.owner.directoryGone(dir);
            }
        }
    }

    /** {@code IN_UNMOUNT}: a registration of the directory ends; one with it under its root watches it afresh. */
    private void unmounted(KernelWatch kernel) {
        Object dirs = kernel.directories();
        for (int i = 0, n = KernelWatch.count(dirs); i < n; i++) {
            WatchedDirectory dir = KernelWatch.get(dirs, i);
            if (dir.detached) {
                continue;
            }
            if (dir.isRoot()) {
                dir.owner.invalidate("the file system of the watched directory was unmounted");
            } else {
                dir.owner.subdirectoryUnmounted(dir);
            }
        }
    }

    /** Invalidates the registrations whose root this kernel watch is; directories under a root wait for their parent's events. */
    private void invalidateRoots(KernelWatch kernel, String reason) {
        Object dirs = kernel.directories();
        for (int i = 0, n = KernelWatch.count(dirs); i < n; i++) {
            WatchedDirectory dir = KernelWatch.get(dirs, i);
            if (dir.isRoot() && !dir.detached) {
                dir.owner.invalidate(reason);
            }
        }
    }

    private void overflowAll() {
        for (InotifyWatch registration : new ArrayList<>(registrations)) {
            registration.overflowed();
        }
    }

    // ---- for the registrations

    InotifyApi api() {
        return api;
    }

    KernelWatchTable kernelWatches() {
        return watches;
    }

    /** Lists a directory into this engine's buffer; see {@link InotifyApi#listDirectory}. */
    void listDirectory(NativePath dir, boolean everyEntry, BiConsumer<String, EntryKind> visitor) throws IOException {
        api.listDirectory(dir, listingBuffer, everyEntry, visitor);
    }

    /** The entries that listings reported as created; they are forgotten once the queue has been read empty. */
    ScanMarks marks() {
        return marks;
    }

    /** A registration released all its watches. */
    void forget(InotifyWatch registration) {
        registrations.remove(registration);
    }

    // ---- for tests

    /** @return how many kernel watches this engine holds */
    int kernelWatchCount() {
        return watches.size();
    }

    /** @return the registrations this engine serves */
    List<InotifyWatch> registrations() {
        return List.copyOf(registrations);
    }

    // ---- helpers

    /** @return a poll(2) timeout in milliseconds, rounded up, -1 for none */
    static int pollTimeout(long timeoutNanos) {
        if (timeoutNanos == Long.MAX_VALUE) {
            return -1;
        }
        if (timeoutNanos <= 0) {
            return 0;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        if (TimeUnit.MILLISECONDS.toNanos(millis) < timeoutNanos) {
            millis++;
        }
        return (int) Math.min(Integer.MAX_VALUE, millis);
    }

    private static void closeQuietly(InotifyApi api, int fd) {
        try {
            api.close(fd);
        } catch (InotifyException e) {
            LOG.log(System.Logger.Level.WARNING, "closing descriptor " + fd + " failed", e);
        }
    }
}
