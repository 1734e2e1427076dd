package dev.nativewatch.backend.linux;

import java.util.ArrayList;
import java.util.List;


import static dev.nativewatch.backend.linux.InotifyApi.IN_DONT_FOLLOW;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MASK_ADD;
import static dev.nativewatch.backend.linux.InotifyApi.IN_ONLYDIR;

/**
 * The kernel watches of one inotify instance, by watch descriptor. inotify gives the same descriptor for the same
 * directory however often it is added, so one {@link KernelWatch} may serve several registrations' directories:
 * its mask is the union of theirs (grown with {@code IN_MASK_ADD}, narrowed by recomputing), and it is removed
 * only when its last directory is detached. Confined to the poller thread.
 */
final class KernelWatchTable {

    private static final System.Logger LOG = System.getLogger(KernelWatchTable.class.getName());

    private final InotifyApi api;
    private final int inotifyFd;
    /** By watch descriptor, unboxed: the table holds one kernel watch per watched directory. */
    private final IntMap<KernelWatch> watches = new IntMap<>();
    /** The inotify descriptor is about to be closed; see {@link #closing()}. */
    private boolean closing;

    KernelWatchTable(InotifyApi api, int inotifyFd) {
        this.api = api;
        this.inotifyFd = inotifyFd;
    }

    /** @return the kernel watch of a descriptor, or null if it was removed */
    KernelWatch get(int wd) {
        return watches.get(wd);
    }

    int size() {
        return watches.size();
    }

    void clear() {
        watches.clear();
    }

    /**
     * The inotify descriptor is about to be closed, which removes all its kernel watches at once: from now on
     * detaching a directory only forgets its watch, without a system call to remove it or to narrow its mask.
     */
    void closing() {
        closing = true;
    }

    /**
     * @return every directory of {@code owner} that shares a kernel watch: those its model reaches from its root,
     * and any that an inconsistent model left unreachable but still watched
     */
    List<WatchedDirectory> directoriesOf(InotifyWatch owner) {
        List<WatchedDirectory> found = new ArrayList<>();
        for (KernelWatch kernel : watches.values()) {
            WatchedDirectory dir = kernel.directoryOf(owner);
            if (dir != null) {
                found.add(dir);
            }
        }
        return found;
    }

    boolean isClosing() {
        return closing;
    }

    /** {@code IN_IGNORED}: the kernel removed the watch itself; it must not be removed again. */
    void removedByKernel(KernelWatch kernel) {
        watches.remove(kernel.wd, kernel);
    }

    /** @return whether the directory's watch is still in the kernel, as far as this table knows; see below */
    boolean isLive(WatchedDirectory dir) {
        return dir.kernel != null && isCurrent(dir.kernel);
    }

    /**
     * @return whether the watch is still in the kernel as far as this table knows: a watch leaves the table when it
     * is removed, by the kernel or by {@link #detach}, and a descriptor added again gets a new {@link KernelWatch}
     */
    private boolean isCurrent(KernelWatch kernel) {
        return watches.get(kernel.wd) == kernel;
    }

    /**
     * Adds the directory's events to the kernel watch of the directory open at {@code fd}, creating the watch if
     * needed. Naming the directory by its descriptor rather than a path watches that very directory wherever it has
     * been moved meanwhile; {@code IN_MASK_ADD} keeps the events another registration asked for on the same watch.
     *
     * @return {@code dir}; or, attaching nothing, the registration's entry that already stands for that directory:
     * one directory has one entry in a model, wherever events not yet read say it is
     */
    WatchedDirectory attach(WatchedDirectory dir, int fd) throws InotifyException {
        int mask = dir.owner.maskFor(dir);
        int wd = api.addWatchOnOpen(inotifyFd, fd, mask | IN_ONLYDIR | IN_MASK_ADD);
        KernelWatch kernel = watches.get(wd);
        if (kernel == null) {
            kernel = new KernelWatch(wd);
            watches.put(wd, kernel);
        } else {
            WatchedDirectory existing = kernel.directoryOf(dir.owner);
            if (existing != null) {
                return existing;
            }
        }
        kernel.mask |= mask;
        kernel.add(dir);
        dir.kernel = kernel;
        return dir;
    }

    /**
     * Tells whether the directory open at {@code fd} is the one {@code expected} watches: inotify gives the same
     * descriptor for the same directory however often it is added. The probe asks for nothing the expected watch
     * does not already have.
     */
    boolean isWatchedAs(int fd, KernelWatch expected) throws InotifyException {
        int wd = api.addWatchOnOpen(inotifyFd, fd, expected.mask | IN_ONLYDIR | IN_MASK_ADD);
        return isExpected(wd, expected);
    }

    /**
     * @return the watch descriptor of the directory open at {@code fd}: one of this table's, or a new one that
     * {@link #dropProbe} removes again unless a directory is attached to it meanwhile; the probe asks for
     * {@code mask}, which a known watch of the registration has already
     */
    int probe(int fd, int mask) throws InotifyException {
        return api.addWatchOnOpen(inotifyFd, fd, mask | IN_ONLYDIR | IN_MASK_ADD);
    }

    /** As {@link #probe}, for the directory at a path, not followed if a link. */
    int probeAt(NativePath path, int mask) throws InotifyException {
        return api.addWatch(inotifyFd, path, mask | IN_ONLYDIR | IN_MASK_ADD | IN_DONT_FOLLOW);
    }

    /** Removes the kernel watch a {@link #probe} made, unless a directory was attached to it since. */
    void dropProbe(int wd) {
        if (watches.get(wd) != null) {
            return;
        }
        try {
            api.removeWatch(inotifyFd, wd);
        } catch (InotifyException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "cannot remove probing watch " + wd + ": " + e.getMessage());
        }
    }

    /** Tells, as {@link #isWatchedAs} does, whether a path, not followed if a link, leads to a watched directory. */
    boolean isAt(NativePath path, KernelWatch expected) throws InotifyException {
        return isExpected(api.addWatch(inotifyFd, path, expected.mask | IN_ONLYDIR | IN_MASK_ADD | IN_DONT_FOLLOW),
                expected);
    }

    /** @return whether a probe's {@code wd} is the expected watch; a probe of another directory is undone */
    private boolean isExpected(int wd, KernelWatch expected) {
        if (wd == expected.wd) {
            return true;
        }
        dropProbe(wd); // a directory no registration watches: undo the probe
        return false;
    }

    /** Detaches {@code top} and every directory under it. */
    void detachTree(WatchedDirectory top) {
        for (WatchedDirectory dir : top.subtree()) {
            detach(dir);
        }
    }

    /**
     * Detaches every directory of a registration: those under {@code root}, and any an inconsistent model left
     * unreachable but watched. When the service is closing, closing its descriptor removes every watch anyway.
     */
    void detachEvery(InotifyWatch owner, WatchedDirectory root) {
        detachTree(root);
        if (!closing) {
            directoriesOf(owner).forEach(this::detach);
        }
    }

    /**
     * Stops the share of every directory of a registration in its kernel watch, but keeps the watches, for a model
     * rebuilt beside this one to take over; {@link #releaseRetired} then removes what was not taken. Every one, not
     * only those the model reaches from its root: a model being rebuilt may have lost track of some, and none may
     * report again.
     *
     * @return the directories retired
     */
    List<WatchedDirectory> retireEvery(InotifyWatch owner) {
        List<WatchedDirectory> retired = directoriesOf(owner);
        retired.forEach(this::retire);
        return retired;
    }

    /** Removes the kernel watches of a retired model that a rebuilt one did not take over. */
    void releaseRetired(List<WatchedDirectory> retired) {
        for (WatchedDirectory dir : retired) {
            release(dir.kernel);
        }
    }

    /** Detaches and forgets every directory under {@code root}, as when a subtree registration becomes a plain one. */
    void detachBelow(WatchedDirectory root) {
        for (WatchedDirectory dir : root.subtree()) {
            if (dir != root) {
                detach(dir);
            }
        }
        root.forgetChildren();
    }

    /** Gives the kernel watch of every directory under {@code top} the mask its registration now needs. */
    void updateMasks(WatchedDirectory top) throws InotifyException {
        for (WatchedDirectory dir : top.subtree()) {
            updateMask(dir.kernel);
        }
    }

    /** Stops a directory's share of its kernel watch; the last one out removes the watch. Idempotent. */
    void detach(WatchedDirectory dir) {
        if (retire(dir)) {
            release(dir.kernel);
        }
    }

    /**
     * Stops a directory's share of its kernel watch, but leaves the watch in place even when no directory is left,
     * for a model rebuilt beside this one to take over; {@link #release} then removes what it did not take.
     *
     * @return whether it had a share to stop
     */
    boolean retire(WatchedDirectory dir) {
        if (dir.detached) {
            return false;
        }
        dir.detached = true;
        if (dir.kernel == null) {
            return false;
        }
        dir.kernel.remove(dir);
        return true;
    }

    /** Removes a kernel watch no directory is left on, or narrows the mask of one that still has some. */
    void release(KernelWatch kernel) {
        if (!kernel.isEmpty()) {
            if (closing) {
                return;
            }
            try {
                updateMask(kernel);
            } catch (InotifyException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "keeping the wider mask of " + kernel + ": " + e.getMessage());
            }
            return;
        }
        // A watch no longer in the table is gone from the kernel already (IN_IGNORED, or the descriptor was
        // closed); while closing, closing the descriptor will remove it.
        if (watches.remove(kernel.wd, kernel) && !closing) {
            try {
                api.removeWatch(inotifyFd, kernel.wd);
            } catch (InotifyException e) {
                // EINVAL: the kernel removed it already (the directory was deleted); its IN_IGNORED is on its way.
                if (e.errno() != InotifyApi.EINVAL) {
                    LOG.log(System.Logger.Level.WARNING, "cannot remove inotify watch " + kernel.wd, e);
                }
            }
        }
    }

    /**
     * Gives a kernel watch the union of its directories' masks. A wider mask is added with {@code IN_MASK_ADD}; a
     * narrower one replaces the old. Both go through a directory's path, which may since name another directory:
     * then the call's effect on that other directory is undone, and a narrowing is simply skipped (the
     * registrations filter what they did not ask for).
     *
     * @throws InotifyException if a wider mask could not be set
     */
    void updateMask(KernelWatch kernel) throws InotifyException {
        if (kernel == null || kernel.isEmpty() || !isCurrent(kernel)) {
            return;
        }
        int wanted = kernel.wantedMask();
        if (wanted == kernel.mask) {
            return;
        }
        boolean widening = (wanted & ~kernel.mask) != 0;
        WatchedDirectory via = kernel.first();
        NativePath path = via.owner.nativePathOf(via);
        int flags = IN_ONLYDIR | (via.isRoot() ? 0 : IN_DONT_FOLLOW);
        int wd;
        try {
            wd = api.addWatch(inotifyFd, path, wanted | flags | (widening ? IN_MASK_ADD : 0));
        } catch (InotifyException e) {
            if (widening) {
                throw e;
            }
            return;
        }
        if (wd == kernel.wd) {
            kernel.mask = widening ? kernel.mask | wanted : wanted;
            return;
        }
        undoOnOtherDirectory(wd, path, flags, wanted, widening);
        if (widening) {
            throw new InotifyException("inotify_add_watch", path.toString(), InotifyApi.ENOENT,
                    "the path no longer leads to the watched directory");
        }
    }

    /** A mask meant for one directory went, through a stale path, to the directory {@code wd}: undo it there. */
    private void undoOnOtherDirectory(int wd, NativePath path, int flags, int wanted, boolean widening) {
        KernelWatch other = watches.get(wd);
        if (other == null) {
            try {
                api.removeWatch(inotifyFd, wd);
            } catch (InotifyException ignored) {
                // Nothing more to undo.
            }
        } else if (widening) {
            other.mask |= wanted;
        } else {
            try {
                api.addWatch(inotifyFd, path, other.mask | flags);
            } catch (InotifyException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot restore the mask of " + other + ": " + e.getMessage());
            }
        }
    }
}
