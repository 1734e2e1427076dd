package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.Exclusions;
import dev.nativewatch.backend.ListedEntry;
import dev.nativewatch.backend.TreeListing;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches one registration's directories to kernel watches, and detaches them. A walk opens every subdirectory
 * through its parent's open descriptor and watches it through its own, so it watches exactly the directories that
 * are in the tree while it runs, however they are renamed meanwhile. A path built from the registration's model is
 * only used to open a directory that is already watched, and trusted only once the kernel confirms that it leads
 * to that directory ({@link #openWatched}): where renames not yet read make it stale, the caller tries again later
 * ({@link TreeReconciler}). Confined to the poller thread.
 */
final class TreeWalker {

    private static final System.Logger LOG = System.getLogger(TreeWalker.class.getName());

    /** {@link #openWatched}: the path no longer leads to the directory. */
    static final int STALE = -2;
    /** {@link #openWatched}: the directory cannot be opened for another reason, logged and reported. */
    static final int FAILED = -1;

    private final InotifyWatch owner;
    private final InotifyEngine engine;
    private final ChangeSink sink;
    private final EntryAttributeTracker attributes;
    /** The watch limit was reached while registering; see {@link #walkOrFail}. */
    private IOException limitReached;
    /** What the registering walk lists is handed over here, while it runs; null otherwise. */
    private WalkListing recording;

    TreeWalker(InotifyWatch owner, InotifyEngine engine, ChangeSink sink, EntryAttributeTracker attributes) {
        this.owner = owner;
        this.engine = engine;
        this.sink = sink;
        this.attributes = attributes;
    }

    /**
     * Opens the registered directory, following symbolic links as the JDK does.
     *
     * @return its descriptor, which the caller closes
     * @throws NoSuchFileException, NotDirectoryException or AccessDeniedException as the JDK's registration would
     */
    int openRoot() throws IOException {
        NativePath path = owner.nativePathOf(null);
        try {
            return engine.api().openDirectory(path);
        } catch (InotifyException e) {
            String text = owner.root().toString();
            IOException failure = switch (e.errno()) {
                case InotifyApi.ENOENT -> new NoSuchFileException(text);
                case InotifyApi.ENOTDIR -> new NotDirectoryException(text);
                case InotifyApi.EACCES -> new AccessDeniedException(text, null, e.getMessage());
                default -> e;
            };
            if (failure != e) {
                failure.initCause(e);
            }
            throw failure;
        }
    }

    /**
     * Watches the registered directory open at {@code fd}.
     *
     * @throws IOException naming {@code fs.inotify.max_user_watches} if the watch limit is reached
     */
    WatchedDirectory attachRoot(int fd) throws IOException {
        WatchedDirectory top = newDirectory(null, null);
        try {
            if (engine.kernelWatches().attach(top, fd) != top) {
                throw new IllegalStateException("the registered directory is already watched by its registration");
            }
        } catch (InotifyException e) {
            throw e.errno() == InotifyApi.ENOSPC ? InotifyLimits.watchesExhausted(owner.root().toString(), e) : e;
        }
        return top;
    }

    /**
     * Watches the tree under {@code top}, open at {@code fd}, while registering: reaching the watch limit fails the
     * registration.
     *
     * @param listing receives every entry the walk lists under {@code top}, the registered directory; null if
     *                nobody wants them
     * @throws IOException naming {@code fs.inotify.max_user_watches}; the caller removes what was added
     */
    void walkOrFail(WatchedDirectory top, int fd, TreeListing listing) throws IOException {
        recording = listing == null ? null : new WalkListing(listing, engine);
        try {
            walk(top, fd, false, true, TreeListing.ROOT);
        } finally {
            recording = null;
        }
        IOException failure = limitReached;
        limitReached = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** Watches the tree under {@code top}, open at {@code fd}, without reporting; the watch limit is an overflow. */
    void walk(WatchedDirectory top, int fd) {
        walk(top, fd, false, false, TreeListing.ROOT);
    }

    /**
     * Opens a watched directory by the path the registration's model gives it, and confirms with the kernel that
     * the path leads to it.
     *
     * @return its descriptor, which the caller closes; {@link #STALE} if the path leads elsewhere or nowhere;
     * {@link #FAILED} if it cannot be opened for another reason (logged, and reported as an overflow)
     */
    int openWatched(WatchedDirectory dir) {
        NativePath path = owner.nativePathOf(dir);
        int fd;
        try {
            fd = engine.api().openDirectory(path);
        } catch (InotifyException e) {
            if (isGone(e)) {
                return STALE;
            }
            LOG.log(System.Logger.Level.WARNING, "cannot open " + path + ", so new directories under it go "
                    + "unwatched: " + e.getMessage());
            sink.overflowed();
            return FAILED;
        }
        if (isWatchedAs(fd, dir)) {
            return fd;
        }
        closeQuietly(fd);
        return STALE;
    }

    /** @return whether the directory is where the model's path for it leads, as the kernel confirms */
    boolean isAtItsPath(WatchedDirectory dir) {
        try {
            return dir.kernel != null && engine.kernelWatches().isAt(owner.nativePathOf(dir), dir.kernel);
        } catch (InotifyException e) {
            return false;
        }
    }

    WatchedDirectory newDirectory(WatchedDirectory parent, String name) {
        WatchedDirectory dir = new WatchedDirectory(owner, parent, name);
        attributes.prepare(dir);
        return dir;
    }

    /**
     * Lists the directory open at {@code fd} and watches each subdirectory it does not know yet, then the tree
     * under each, depth first: each level keeps its descriptor open while the levels under it are walked.
     *
     * @param report      report every entry found as created, and mark it so that its own queued event is not
     *                    reported again
     * @param registering stop at the watch limit, leaving the failure in {@link #limitReached}, instead of
     *                    logging it and reporting an overflow
     */
    void walk(WatchedDirectory dir, int fd, boolean report, boolean registering) {
        walk(dir, fd, report, registering, TreeListing.ROOT);
    }

    /** @param listed the directory's index in the listing being {@linkplain #recording recorded}, if any */
    private void walk(WatchedDirectory dir, int fd, boolean report, boolean registering, int listed) {
        for (Subdirectory subdirectory : list(dir, fd, report, listed)) {
            String name = subdirectory.name();
            if (limitReached != null || dir.detached) {
                return;
            }
            WatchedDirectory child = null;
            if (dir.child(name) == null && !excluded(dir, name)) {
                int childFd = openChild(fd, name);
                if (childFd >= 0) {
                    try {
                        if (recording != null && subdirectory.recorded().statusPending()) {
                            recording.opened(subdirectory.recorded().entry(), childFd);
                        }
                        child = attachChild(dir, name, childFd, registering);
                        if (child != null) {
                            walk(child, childFd, report, registering, subdirectory.recorded().entry());
                        }
                    } finally {
                        closeQuietly(childFd);
                    }
                }
            }
            if (child == null && recording != null) {
                recording.abandon("the walk did not enter " + printable(name));
            }
        }
    }

    /** A subdirectory a listing found (or an entry that may be one), and what recording it did. */
    private record Subdirectory(String name, WalkListing.Recorded recorded) {
    }

    /**
     * Lists a directory, reporting its entries as created if asked. An entry whose type the listing does not give
     * is returned as a possible subdirectory: opening it tells ({@code O_DIRECTORY}).
     *
     * @return the kernel names of its subdirectories, and of entries that may be
     */
    List<String> list(WatchedDirectory dir, int fd, boolean report) {
        return list(dir, fd, report, TreeListing.ROOT).stream().map(Subdirectory::name).toList();
    }

    /**
     * As {@link #list(WatchedDirectory, int, boolean)}; while a listing is {@linkplain #recording recorded}, each
     * entry is recorded as a child of {@code listedAs}, and its status says what it is.
     */
    private List<Subdirectory> list(WatchedDirectory dir, int fd, boolean report, int listedAs) {
        List<Subdirectory> subdirectories = new ArrayList<>();
        boolean tracked = dir.entries != null;
        WalkListing recorder = recording != null && !recording.isAbandoned() ? recording : null;
        if (recorder != null) {
            recorder.startDirectory(listedAs);
        }
        try {
            engine.listDirectory(fd, report || tracked || recorder != null, (name, listedKind) -> {
                WalkListing.Recorded recorded = recorder == null ? WalkListing.Recorded.NOTHING
                        : recorder.record(fd, name, listedKind);
                if (recorded == WalkListing.Recorded.GONE) {
                    return;
                }
                EntryKind kind = recorded.kindOr(listedKind);
                if (tracked) {
                    // A tracked directory keeps the attributes of each entry, which say what it is as well.
                    EntryAttributes listed = attributes.listed(dir, name, FileNames.entryOf(owner.root().getFileSystem(), fd, name));
                    if (listed == null) {
                        return; // gone meanwhile
                    }
                    kind = listed.directory() ? EntryKind.DIRECTORY : EntryKind.OTHER;
                }
                if (report) {
                    engine.marks().mark(dir, name);
                    engine.listedCreations().add(dir, name);
                }
                if (kind.mayBeDirectory()) {
                    subdirectories.add(new Subdirectory(name, recorded));
                }
            });
        } catch (IOException e) {
            // ENOENT: deleted while open, which its own events say
            if (!(e instanceof InotifyException i && i.errno() == InotifyApi.ENOENT)) {
                warnUnlisted(dir, e);
            }
            abandonRecording(recorder, e);
        }
        return subdirectories;
    }

    private static void abandonRecording(WalkListing recorder, IOException e) {
        if (recorder != null) {
            recorder.abandon("a directory could not be listed: " + e);
        }
    }

    private void warnUnlisted(WatchedDirectory dir, IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot list " + owner.nativePathOf(dir) + ", so changes under it may "
                + "go unreported: " + e);
        sink.overflowed();
    }

    /**
     * @return whether the entry {@code name} of {@code parent} is excluded by the registration, so that it must not
     * be opened, let alone watched: keeping such directories out of the kernel is what exclusions are for
     */
    boolean excluded(WatchedDirectory parent, String name) {
        Exclusions exclusions = owner.spec().exclusions();
        return !exclusions.isEmpty() && exclusions.excludes(parent.relativeOf(name));
    }

    /** @return the descriptor of the subdirectory {@code name}, or -1 if it is gone or not a directory */
    int openChild(int parentFd, String name) {
        try {
            return engine.api().openSubdirectory(parentFd, name);
        } catch (InotifyException e) {
            if (!isGone(e)) {
                LOG.log(System.Logger.Level.WARNING, "cannot open directory " + printable(name) + ", so changes "
                        + "under it go unreported: " + e.getMessage());
            }
            return -1;
        }
    }

    /**
     * Watches a subdirectory open at {@code fd}.
     *
     * @param registering at the watch limit, leave the failure in {@link #limitReached} instead of logging it and
     *                    reporting an overflow
     * @return the new directory, or null if it is not watched
     */
    WatchedDirectory attachChild(WatchedDirectory parent, String name, int fd, boolean registering) {
        WatchedDirectory child = newDirectory(parent, name);
        try {
            WatchedDirectory holder = engine.kernelWatches().attach(child, fd);
            if (holder != child) {
                // Already in the model elsewhere: queued renames may move it here, or its own move here may never
                // be read (it came before this directory was watched). Both places are checked once they are read.
                owner.suspect(parent);
                if (holder.parent() != null) {
                    owner.suspect(holder.parent());
                }
                return null;
            }
        } catch (InotifyException e) {
            if (e.errno() == InotifyApi.ENOSPC) {
                IOException limit = InotifyLimits.watchesExhausted(owner.nativePathOf(parent).child(name).toString(), e);
                if (registering) {
                    limitReached = limit;
                    return null;
                }
                LOG.log(System.Logger.Level.WARNING, limit.getMessage());
            } else {
                LOG.log(System.Logger.Level.WARNING, "not watching " + printable(name) + ", so changes under it go "
                        + "unreported: " + e.getMessage());
            }
            sink.overflowed();
            return null;
        }
        parent.addChild(child);
        return child;
    }

    boolean isWatchedAs(int fd, WatchedDirectory dir) {
        try {
            return dir.kernel != null && engine.kernelWatches().isWatchedAs(fd, dir.kernel);
        } catch (InotifyException e) {
            return false;
        }
    }

    /** @return whether a failure to open means the entry is gone or is not a directory (any more) */
    private static boolean isGone(InotifyException e) {
        return e.errno() == InotifyApi.ENOENT || e.errno() == InotifyApi.ENOTDIR || e.errno() == InotifyApi.ELOOP;
    }

    static String printable(String kernelName) {
        return new String(kernelName.getBytes(FileNames.KERNEL), FileNames.CHARSET);
    }

    void closeQuietly(int fd) {
        try {
            engine.api().close(fd);
        } catch (InotifyException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing descriptor " + fd + " failed: " + e.getMessage());
        }
    }
}
