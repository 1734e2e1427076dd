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

    /** Detaches {@code top} and every directory under it. */
    void release(WatchedDirectory top) {
        for (WatchedDirectory dir : top.subtree()) {
            engine.kernelWatches().detach(dir);
        }
    }

    /**
     * Detaches every directory of the registration: those under {@code root}, and any an inconsistent model left
     * unreachable but watched. When the service is closing, closing its descriptor removes every watch anyway.
     */
    void releaseAll(WatchedDirectory root) {
        release(root);
        if (!engine.kernelWatches().isClosing()) {
            engine.kernelWatches().directoriesOf(owner).forEach(engine.kernelWatches()::detach);
        }
    }

    /**
     * Detaches every directory of the registration from its kernel watch, but keeps the watches, for a model rebuilt
     * beside this one to take over; {@link #sweep} then removes what was not taken. Every one, not only those the
     * model reaches from its root: a model being rebuilt may have lost track of some, and none may report again.
     *
     * @return the directories retired
     */
    List<WatchedDirectory> retire() {
        List<WatchedDirectory> retired = engine.kernelWatches().directoriesOf(owner);
        retired.forEach(engine.kernelWatches()::retire);
        return retired;
    }

    /** Removes the kernel watches of a retired model that a rebuilt one did not take over. */
    void sweep(List<WatchedDirectory> retired) {
        for (WatchedDirectory dir : retired) {
            engine.kernelWatches().release(dir.kernel);
        }
    }

    /** Drops every directory under the root, as when a subtree registration becomes a plain one. */
    void dropSubdirectories(WatchedDirectory root) {
        for (WatchedDirectory dir : root.subtree()) {
            if (dir != root) {
                engine.kernelWatches().detach(dir);
            }
        }
        root.forgetChildren();
    }

    /** Gives the kernel watch of every directory under {@code top} the mask the registration now needs. */
    void updateMasks(WatchedDirectory top) throws IOException {
        for (WatchedDirectory dir : top.subtree()) {
            engine.kernelWatches().updateMask(dir.kernel);
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
        Subdirectories subdirectories = list(dir, fd, report, listed);
        for (int k = 0; k < subdirectories.names.size(); k++) {
            String name = subdirectories.names.get(k);
            if (limitReached != null || dir.detached) {
                return;
            }
            WatchedDirectory child = null;
            if (dir.child(name) == null && !excluded(dir, name)) {
                int childFd = openChild(fd, name);
                if (childFd >= 0) {
                    try {
                        if (recording != null && subdirectories.isPending(k)) {
                            recording.opened(subdirectories.entry(k), childFd);
                        }
                        child = attachChild(dir, name, childFd, registering);
                        if (child != null) {
                            walk(child, childFd, report, registering, subdirectories.entry(k));
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

    /**
     * The subdirectories a listing found, with their indexes in the listing being recorded (-1 where none), and
     * whether their status is still to be read once they are open.
     */
    private record Subdirectories(List<String> names, List<Integer> entries, List<Boolean> pending) {
        Subdirectories() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void add(String name, int entry, boolean statusPending) {
            names.add(name);
            entries.add(entry);
            pending.add(statusPending);
        }

        int entry(int k) {
            return entries.get(k);
        }

        boolean isPending(int k) {
            return pending.get(k);
        }
    }

    /**
     * Lists a directory, reporting its entries as created if asked. An entry whose type the listing does not give
     * is returned as a possible subdirectory: opening it tells ({@code O_DIRECTORY}).
     *
     * @return the kernel names of its subdirectories, and of entries that may be
     */
    List<String> list(WatchedDirectory dir, int fd, boolean report) {
        return list(dir, fd, report, TreeListing.ROOT).names;
    }

    /**
     * As {@link #list(WatchedDirectory, int, boolean)}; while a listing is {@linkplain #recording recorded}, each
     * entry is recorded as a child of {@code listedAs}, and its status says what it is.
     */
    private Subdirectories list(WatchedDirectory dir, int fd, boolean report, int listedAs) {
        Subdirectories subdirectories = new Subdirectories();
        boolean tracked = dir.entries != null;
        WalkListing recorder = recording != null && !recording.isAbandoned() ? recording : null;
        if (recorder != null) {
            recorder.startDirectory(listedAs);
        }
        try {
            engine.listDirectory(fd, report || tracked || recorder != null, (name, kind) -> {
                int entry = -1;
                boolean statusPending = false;
                if (recorder != null && !recorder.isAbandoned() && kind == EntryKind.DIRECTORY) {
                    // Read once the walk has opened it, through its own descriptor.
                    entry = recorder.recordDirectory(name);
                    statusPending = entry >= 0;
                } else if (recorder != null && !recorder.isAbandoned()) {
                    ListedEntry status = recorder.statusOf(fd, name);
                    if (status == null && !recorder.isAbandoned()) {
                        return; // gone meanwhile
                    }
                    if (status != null) {
                        entry = recorder.record(name, status);
                        kind = status.directory() ? EntryKind.DIRECTORY : EntryKind.OTHER;
                    }
                }
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
                    subdirectories.add(name, entry, statusPending);
                }
            });
        } catch (InotifyException e) {
            if (e.errno() != InotifyApi.ENOENT) { // deleted while open: its own events say so
                warnUnlisted(dir, e);
            }
            abandonRecording(recorder, e);
        } catch (IOException e) {
            warnUnlisted(dir, e);
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
