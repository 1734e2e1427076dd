package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.ListedEntry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The real system calls, with what a test needs on top: failures injected into {@code inotify_init1} and
 * {@code inotify_add_watch}, listings without entry types, bytes injected into the event stream, a gate that holds
 * the engine's reads of its inotify descriptor, an action run after each watch is added, and counts of what was
 * used: watch descriptors added and not removed (closing the inotify descriptor removes them all), calls of
 * {@code inotify_add_watch} and {@code inotify_rm_watch}, reads of the inotify descriptor, poll sets not closed.
 */
final class TestApi implements InotifyApi {

    private final InotifyApi real = JnaInotifyApi.INSTANCE;
    private final Set<Integer> live = new HashSet<>();
    private int addWatchCalls;
    private int removeWatchCalls;
    private final ConcurrentLinkedDeque<byte[]> injected = new ConcurrentLinkedDeque<>();
    private volatile int inotifyFd = -1;
    private volatile int initErrno;
    private volatile Predicate<Path> failingPath = path -> false;
    private volatile int addWatchErrno;
    private volatile int addWatchesLeft = Integer.MAX_VALUE;
    private volatile CountDownLatch gate;
    private volatile boolean entryTypesHidden;
    private volatile Consumer<Path> afterAddWatch = path -> { };
    private final AtomicInteger inotifyReads = new AtomicInteger();
    private final AtomicInteger openPollSets = new AtomicInteger();

    /** The next {@code inotify_init1} fails with this errno. */
    void failInit(int errno) {
        initErrno = errno;
    }

    /** {@code inotify_add_watch} fails with this errno for every path the predicate accepts. */
    void failAddWatch(Predicate<Path> paths, int errno) {
        addWatchErrno = errno;
        failingPath = paths;
    }

    /** After {@code successes} more calls, {@code inotify_add_watch} fails with this errno. */
    void failAddWatchAfter(int successes, int errno) {
        addWatchErrno = errno;
        addWatchesLeft = successes;
    }

    void stopFailing() {
        failingPath = path -> false;
        addWatchesLeft = Integer.MAX_VALUE;
    }

    /** Listings say of no entry what it is, as on a file system that leaves {@code d_type} unknown. */
    void hideEntryTypes() {
        entryTypesHidden = true;
    }

    /** The next read of the inotify descriptor returns these bytes instead of the kernel's. */
    void inject(byte[] events) {
        injected.add(events);
    }

    /** Reads of the inotify descriptor block until {@link #releaseReads()}. */
    void holdReads() {
        gate = new CountDownLatch(1);
    }

    void releaseReads() {
        CountDownLatch current = gate;
        gate = null;
        if (current != null) {
            current.countDown();
        }
    }

    /** Runs {@code action} with the directory's path each time a watch has been added, before the call returns. */
    void afterAddWatch(Consumer<Path> action) {
        afterAddWatch = action;
    }

    /** @return how many reads of the inotify descriptor were made, those that returned injected bytes included */
    int inotifyReads() {
        return inotifyReads.get();
    }

    /** @return how many poll sets were made and not closed */
    int openPollSets() {
        return openPollSets.get();
    }

    /**
     * @return the watch descriptors added and not removed through this API, by {@code inotify_rm_watch} or by
     * closing the inotify descriptor
     */
    synchronized Set<Integer> liveWatches() {
        return new HashSet<>(live);
    }

    /** @return how many calls of {@code inotify_add_watch} succeeded */
    synchronized int addWatchCalls() {
        return addWatchCalls;
    }

    /** @return how many times {@code inotify_rm_watch} was called */
    synchronized int removeWatchCalls() {
        return removeWatchCalls;
    }

    @Override
    public int inotifyInit() throws InotifyException {
        int errno = initErrno;
        if (errno != 0) {
            initErrno = 0;
            throw new InotifyException("inotify_init1", null, errno, JnaInotifyApi.describe(errno));
        }
        inotifyFd = real.inotifyInit();
        return inotifyFd;
    }

    @Override
    public int addWatch(int fd, NativePath nativePath, int mask) throws InotifyException {
        Path path = whereItLeads(Path.of(nativePath.toString()));
        failIfAsked(path);
        return added(real.addWatch(fd, nativePath, mask), path);
    }

    @Override
    public int addWatchOnOpen(int fd, int dirFd, int mask) throws InotifyException {
        Path path = whereItLeads(Path.of("/proc/self/fd/" + dirFd));
        failIfAsked(path);
        return added(real.addWatchOnOpen(fd, dirFd, mask), path);
    }

    @Override
    public void releaseCallingThread() {
        real.releaseCallingThread();
    }

    private void failIfAsked(Path path) throws InotifyException {
        if (failingPath.test(path) || addWatchesLeft-- <= 0) {
            throw new InotifyException("inotify_add_watch", path.toString(), addWatchErrno,
                    JnaInotifyApi.describe(addWatchErrno));
        }
    }

    private int added(int wd, Path path) {
        synchronized (this) {
            live.add(wd);
            addWatchCalls++;
        }
        afterAddWatch.accept(path);
        return wd;
    }

    @Override
    public void removeWatch(int fd, int wd) throws InotifyException {
        synchronized (this) {
            live.remove(wd);
            removeWatchCalls++;
        }
        real.removeWatch(fd, wd);
    }

    @Override
    public int eventFd() throws InotifyException {
        return real.eventFd();
    }

    @Override
    public void signal(int eventFd) throws InotifyException {
        real.signal(eventFd);
    }

    @Override
    public int read(int fd, ByteBuffer direct) throws InotifyException {
        if (fd == inotifyFd) {
            inotifyReads.incrementAndGet();
            byte[] bytes = injected.poll();
            if (bytes != null) {
                direct.duplicate().clear().put(bytes);
                return bytes.length;
            }
            CountDownLatch current = gate;
            if (current != null) {
                try {
                    current.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return real.read(fd, direct);
    }

    /** The real poll set, except that injected bytes make the inotify descriptor ready. */
    @Override
    public int queuedBytes(int fd) throws InotifyException {
        return real.queuedBytes(fd) + (fd == inotifyFd && !injected.isEmpty() ? 1 : 0);
    }

    @Override
    public PollSet pollSet(int inotifyFd, int wakeupFd) {
        PollSet set = real.pollSet(inotifyFd, wakeupFd);
        openPollSets.incrementAndGet();
        return new PollSet() {
            private boolean closed;

            @Override
            public int poll(int timeoutMillis) throws InotifyException {
                if (!closed && !injected.isEmpty()) {
                    return READY_INOTIFY;
                }
                return set.poll(timeoutMillis);
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    openPollSets.decrementAndGet();
                }
                set.close();
            }
        };
    }

    @Override
    public void close(int fd) throws InotifyException {
        real.close(fd);
        if (fd == inotifyFd) {
            inotifyFd = -1;
            synchronized (this) {
                live.clear();
            }
        }
    }

    @Override
    public int openDirectory(NativePath path) throws InotifyException {
        return real.openDirectory(path);
    }

    @Override
    public int openSubdirectory(int parentFd, String name) throws InotifyException {
        return real.openSubdirectory(parentFd, name);
    }

    @Override
    public void listDirectory(int dirFd, ByteBuffer direct, boolean everyEntry, BiConsumer<String, EntryKind> visitor)
            throws IOException {
        if (entryTypesHidden) {
            real.listDirectory(dirFd, direct, true, (name, kind) -> visitor.accept(name, EntryKind.UNKNOWN));
        } else {
            real.listDirectory(dirFd, direct, everyEntry, visitor);
        }
    }

    /**
     * The engine names directories by their open descriptors; the failures a test injects, and what it runs after a
     * watch is added, are about the directories' paths.
     */
    private static Path whereItLeads(Path path) {
        if (!path.startsWith("/proc/self/fd/")) {
            return path;
        }
        try {
            return Files.readSymbolicLink(path);
        } catch (IOException e) {
            return path;
        }
    }

    @Override
    public ListedEntry statusOf(int dirFd, String name, ByteBuffer direct) throws InotifyException {
        return real.statusOf(dirFd, name, direct);
    }

    @Override
    public ListedEntry statusOfOpen(int fd, ByteBuffer direct) throws InotifyException {
        return real.statusOfOpen(fd, direct);
    }

    @Override
    public byte[] accessAcl(Path path) {
        return real.accessAcl(path);
    }
}
