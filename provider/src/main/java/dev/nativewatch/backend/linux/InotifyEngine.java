package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryIdentity;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.TreeListing;
import dev.nativewatch.backend.WatchEngine;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static dev.nativewatch.backend.linux.InotifyApi.IN_Q_OVERFLOW;

/**
 * The inotify engine of one watch service: one inotify descriptor for all its watches, and one eventfd that
 * {@link #wakeup()} writes to. {@link #awaitChanges} polls both, reads whole buffers of events, decodes them and
 * has an {@link EventRouter} hand each to the registrations whose directories it concerns.
 *
 * <p>Subtree registrations report the contents of a directory that enters the tree as created. The contents are
 * listed after the directory is watched, so an entry created meanwhile may be both listed and reported by its own
 * queued {@code IN_CREATE}: the engine remembers the names each listing reported ({@link ScanMarks}) until the
 * queue has been read empty, and drops the duplicate event. Reading the queue empty is also when directories whose
 * parent's path was stale are attached ({@link PendingAttachments}).
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
    /** How long a wait lasts at most while a registration has something to catch up on; see {@link #awaitChanges}. */
    private static final int CATCH_UP_RETRY_MILLIS = 20;
    /** The largest record a read returns: the header, then the longest name and its NUL (256, padded to no more). */
    static final int MAX_RECORD_BYTES = InotifyEventDecoder.HEADER_BYTES + NAME_MAX + 1;

    private final InotifyApi api;
    private final int inotifyFd;
    private final int wakeupFd;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ByteBuffer wakeupBuffer = ByteBuffer.allocateDirect(Long.BYTES);
    /** Where directories are listed; a listing is never nested in another. */
    private final ByteBuffer listingBuffer = ByteBuffer.allocateDirect(LISTING_BUFFER_BYTES);
    /** Where a walk reads the status of an entry it lists, when it hands its listing over. */
    private final ByteBuffer statusBuffer =
            ByteBuffer.allocateDirect(StatxCall.BUFFER_BYTES).order(ByteOrder.nativeOrder());
    private final InotifyApi.PollSet pollSet;
    private final InotifyApi.Reader eventReader;
    private final InotifyApi.Reader wakeupReader;
    private final KernelWatchTable watches;

    /** Guards the descriptors against wakeups from other threads while they are closed. */
    private final Object descriptorLock = new Object();
    private boolean closed;

    // Confined to the poller thread.
    private final Set<InotifyWatch> registrations = new LinkedHashSet<>();
    private final QueueDrainedWork drained = new QueueDrainedWork();
    private final EventRouter router;
    private int queueOverflows;
    /** {@link #dispatch}, made once rather than on each read. */
    private final Consumer<InotifyEvent> dispatcher = this::dispatch;

    private InotifyEngine(InotifyApi api, int inotifyFd, int wakeupFd) {
        this.api = api;
        this.inotifyFd = inotifyFd;
        this.wakeupFd = wakeupFd;
        this.watches = new KernelWatchTable(api, inotifyFd);
        this.pollSet = api.pollSet(inotifyFd, wakeupFd);
        this.eventReader = api.reader(inotifyFd, readBuffer);
        this.wakeupReader = api.reader(wakeupFd, wakeupBuffer);
        this.router = new EventRouter(watches);
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

    /**
     * Reads what is queued before identifying: ext4 gives a new directory the inode number of one just deleted, so
     * a registration of a re-created directory would otherwise find the key of the deleted one, which its queued
     * {@code IN_IGNORED} is about to invalidate.
     */
    @Override
    public Object identify(Path dir) throws IOException {
        readEvents();
        return DirectoryIdentity.of(dir);
    }

    @Override
    public DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink) throws IOException {
        return watch(dir, spec, sink, (TreeListing) null);
    }

    /** A subtree is listed directory by directory to watch it; an excluded directory is not, so it is left out. */
    @Override
    public boolean listsWhileWatching(WatchSpec spec) {
        return spec.subtree() && spec.exclusions().isEmpty();
    }

    @Override
    public DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink, TreeListing listing) throws IOException {
        if (listing != null && !listsWhileWatching(spec)) {
            listing.abandon("only a subtree without exclusions is listed whole");
            listing = null;
        }
        InotifyWatch watch = new InotifyWatch(this, dir.toAbsolutePath(), spec, sink);
        try {
            watch.start(listing);
        } finally {
            api.releaseCallingThread();
        }
        registrations.add(watch);
        return watch;
    }

    /**
     * While a registration has something to catch up on that failed the last time, the wait is cut short, so that
     * it is tried again after a quiet moment even when no further event comes.
     */
    @Override
    public void awaitChanges(long timeoutNanos) throws IOException {
        // What watching open directories keeps (a descriptor) is not held while the service waits.
        api.releaseCallingThread();
        boolean catchingUp = drained.catchingUp();
        int timeout = InotifyApi.PollSet.timeoutMillis(timeoutNanos);
        if (catchingUp && (timeout < 0 || timeout > CATCH_UP_RETRY_MILLIS)) {
            timeout = CATCH_UP_RETRY_MILLIS;
        }
        int ready = pollSet.poll(timeout);
        if ((ready & InotifyApi.READY_WAKEUP) != 0) {
            wakeupReader.read();
        }
        if ((ready & InotifyApi.READY_INOTIFY) != 0) {
            readEvents();
        } else if (catchingUp) {
            drained.retryCatchUps();
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
        api.releaseCallingThread();
        watches.clear();
        registrations.clear();
        drained.clear();
        router.clear();
    }

    // ---- reading and dispatching

    /**
     * Reads and dispatches until the queue is empty, or until {@link #MAX_READS_PER_WAIT} buffers; poll is
     * level-triggered, so whatever arrives meanwhile is read on the next wait.
     */
    private void readEvents() throws IOException {
        for (int reads = 1; ; reads++) {
            drained.marks().readBegins();
            int count = eventReader.read();
            if (count <= 0) {
                queueEmpty();
                return;
            }
            int decoded = InotifyEventDecoder.decode(eventReader.bytes(count), count, FileNames.KERNEL, dispatcher);
            if (decoded < count) {
                LOG.log(System.Logger.Level.WARNING, "an inotify read of " + count + " bytes did not decode at offset "
                        + decoded + "; treating the rest as lost events");
                router.flushPendingFrom();
                overflowAll();
            }
            if (emptiedQueue(count)) {
                queueEmpty();
                return;
            }
            if (reads >= MAX_READS_PER_WAIT && (!router.holdsFrom() || reads >= 2 * MAX_READS_PER_WAIT)) {
                router.flushPendingFrom();
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
        return readBuffer.capacity() - count >= MAX_RECORD_BYTES && !router.holdsFrom()
                && !drained.marks().addedSinceReadBegan();
    }

    /**
     * Every event queued before the last read has been handled, and no directory was marked after that read
     * began: the names that scans reported can be forgotten, and the registrations' models have caught up with
     * every rename that made a path stale.
     */
    private void queueEmpty() {
        router.flushPendingFrom();
        drained.queueDrained();
    }

    /**
     * Routes one event. A failure while handling it must not end the service: the registrations cannot be sure
     * their models are right any more, so each is told of lost events and rebuilds its model.
     */
    private void dispatch(InotifyEvent event) {
        try {
            if (event.has(IN_Q_OVERFLOW)) {
                router.flushPendingFrom();
                warnOfOverflow();
                overflowAll();
                return;
            }
            router.route(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handling " + event + " failed; reporting an overflow", e);
            router.clear();
            overflowAll();
        }
    }

    /** The first queue overflow of a service is a warning, naming the limit; later ones would only repeat it. */
    private void warnOfOverflow() {
        System.Logger.Level level = queueOverflows++ == 0 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        LOG.log(level, () -> "the inotify queue overflowed, so events were lost and every watch of this service "
                + "reports an overflow; fs.inotify.max_queued_events = "
                + InotifyLimits.current(InotifyLimits.MAX_QUEUED_EVENTS));
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

    /** @return the buffer {@link InotifyApi#statusOf} reads into, for one entry at a time */
    ByteBuffer statusBuffer() {
        return statusBuffer;
    }

    /** Lists an open directory into this engine's buffer; see {@link InotifyApi#listDirectory}. */
    void listDirectory(int fd, boolean everyEntry, BiConsumer<String, EntryKind> visitor) throws IOException {
        api.listDirectory(fd, listingBuffer, everyEntry, visitor);
    }

    /**
     * @return whether events are queued that have not been read: a look at the tree taken now may be newer than
     * what the registrations' models have taken in
     */
    boolean eventsQueued() {
        try {
            return api.queuedBytes(inotifyFd) > 0;
        } catch (InotifyException e) {
            return true;
        }
    }

    /** A registration has something to catch up on once the queue has been read empty. */
    void catchUpLater(InotifyWatch registration) {
        drained.catchUpLater(registration);
    }

    /** What listings found in directories that entered a tree, reported once the queue has been read empty. */
    ListedCreations listedCreations() {
        return drained.listedCreations();
    }

    /** The entries that listings reported as created; they are forgotten once the queue has been read empty. */
    ScanMarks marks() {
        return drained.marks();
    }

    /** A registration released all its watches. */
    void forget(InotifyWatch registration) {
        registrations.remove(registration);
        drained.forget(registration);
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

    /** Closes a descriptor the engine opened for a while, such as one to list a directory. */
    void closeQuietly(int fd) {
        closeQuietly(api, fd);
    }

    private static void closeQuietly(InotifyApi api, int fd) {
        try {
            api.close(fd);
        } catch (InotifyException e) {
            LOG.log(System.Logger.Level.WARNING, "closing descriptor " + fd + " failed", e);
        }
    }
}
