package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.ChangeSink;

import java.util.HashSet;
import java.util.Set;

/**
 * Attaches the directories that enter a registration's tree after it was walked, and reconciles the model with a
 * directory where events read after the fact left it unsure. Both open a directory the model already watches by
 * its path, confirmed with the kernel ({@link TreeWalker#openWatched}), and everything under it by descriptor.
 * Confined to the poller thread.
 */
final class TreeReconciler {

    private static final System.Logger LOG = System.getLogger(TreeReconciler.class.getName());

    private final InotifyWatch owner;
    private final InotifyEngine engine;
    private final ChangeSink sink;
    private final TreeWalker walker;

    TreeReconciler(InotifyWatch owner, InotifyEngine engine, ChangeSink sink, TreeWalker walker) {
        this.owner = owner;
        this.engine = engine;
        this.sink = sink;
        this.walker = walker;
    }

    /**
     * A directory entered the tree under {@code parent}: it is watched before it is listed, so that an entry created
     * in it meanwhile is either listed or reported by its own event, and so is the tree under it. A known child of
     * that name that is not the directory there now is stale (the name was taken over from outside) and replaced.
     *
     * @param report report what the listings find as created, as for a directory created or moved in; not for one
     *               an unmount uncovered, whose entries were there before
     * @return false if the parent's path is stale, so that the caller tries again once the renames are read
     */
    boolean attachNew(WatchedDirectory parent, String name, boolean report) {
        if (walker.excluded(parent, name)) {
            return true;
        }
        int parentFd = walker.openWatched(parent);
        if (parentFd < 0) {
            return parentFd != TreeWalker.STALE;
        }
        try {
            int childFd = walker.openChild(parentFd, name);
            if (childFd < 0) {
                owner.suspect(parent); // gone or replaced already: what is there now is checked once events are read
                return true;
            }
            try {
                attachOpened(parent, name, childFd, report);
            } finally {
                walker.closeQuietly(childFd);
            }
            return true;
        } finally {
            walker.closeQuietly(parentFd);
        }
    }

    private void attachOpened(WatchedDirectory parent, String name, int childFd, boolean report) {
        WatchedDirectory known = parent.child(name);
        if (known != null) {
            if (walker.isWatchedAs(childFd, known)) {
                return; // a listing of the parent got there first
            }
            known.unlink();
            walker.release(known);
        }
        WatchedDirectory child = walker.attachChild(parent, name, childFd, false);
        if (child != null) {
            walker.walk(child, childFd, report, false);
        }
    }

    /**
     * Brings the entries under {@code dir} in line with the subdirectories it holds now, once every queued event
     * has been read: an entry whose directory is no longer there is dropped, a directory the model has elsewhere is
     * moved here (the event of its move came before its new parent was watched), and one it does not know is
     * watched, with what it holds reported as created.
     *
     * @return false if the path of {@code dir} is stale, so that the caller tries again later
     */
    boolean reconcile(WatchedDirectory dir) {
        int fd = walker.openWatched(dir);
        if (fd < 0) {
            return fd != TreeWalker.STALE;
        }
        try {
            Set<String> present = new HashSet<>();
            for (String name : walker.list(dir, fd, false)) {
                if (walker.excluded(dir, name)) {
                    continue; // not present as far as the model goes: a known one is dropped below
                }
                int childFd = walker.openChild(fd, name);
                if (childFd >= 0) {
                    present.add(name);
                    try {
                        reconcileChild(dir, name, childFd);
                    } finally {
                        walker.closeQuietly(childFd);
                    }
                }
            }
            for (WatchedDirectory child : dir.children()) {
                if (!present.contains(child.name())) {
                    child.unlink();
                    walker.release(child);
                }
            }
            return true;
        } finally {
            walker.closeQuietly(fd);
        }
    }

    private void reconcileChild(WatchedDirectory dir, String name, int childFd) {
        WatchedDirectory known = dir.child(name);
        if (known != null && walker.isWatchedAs(childFd, known)) {
            return;
        }
        if (known != null) {
            known.unlink();
            walker.release(known);
        }
        WatchedDirectory child = walker.newDirectory(dir, name);
        WatchedDirectory holder;
        try {
            holder = engine.kernelWatches().attach(child, childFd);
        } catch (InotifyException e) {
            LOG.log(System.Logger.Level.WARNING, "not watching " + TreeWalker.printable(name)
                    + ", so changes under it go unreported: " + e.getMessage());
            sink.overflowed();
            return;
        }
        if (holder == child) {
            dir.addChild(child);
            walker.walk(child, childFd, true, false);
        } else if (!dir.isWithin(holder)) {
            holder.moveTo(dir, name);
        } else {
            owner.outOfStep("the model has " + dir + " under " + holder + ", which it holds");
        }
    }
}
