package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.TreeListing;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The model of one registration's tree: its directories, each attached to the kernel watch that reports on it, by
 * parent and kernel name ({@link WatchedDirectory}), and one operation per thing the kernel can do to the tree.
 * Each operation says which kernel events it stands for and the order it relies on. The registration reports the
 * events; this class only keeps the model in step, attaching and detaching directories through a
 * {@link TreeWalker} and a {@link TreeReconciler}.
 *
 * <p>Where the model falls out of step with the tree, it says so through {@link InotifyWatch#outOfStep} (an
 * overflow, then a model rebuilt from the tree); where the registered directory is no longer at its path and a path
 * is needed, through {@link InotifyWatch#invalidate}. Confined to the poller thread.
 */
final class WatchedTree {

    private static final System.Logger LOG = System.getLogger(WatchedTree.class.getName());

    private final InotifyWatch owner;
    private final InotifyEngine engine;
    private final TreeWalker walker;
    private final TreeReconciler reconciler;
    private final PendingAttachments pending = new PendingAttachments();
    private WatchedDirectory root;
    private Displacement displaced;
    /** The registered directory was renamed: its path must be confirmed before it is used. */
    private boolean rootMoved;

    WatchedTree(InotifyWatch owner, InotifyEngine engine, TreeWalker walker, TreeReconciler reconciler) {
        this.owner = owner;
        this.engine = engine;
        this.walker = walker;
        this.reconciler = reconciler;
    }

    WatchedDirectory root() {
        return root;
    }

    /**
     * Watches the registered directory and, for a subtree registration, the tree under it.
     *
     * @param listing receives what the walk of the tree lists; null if nobody wants it
     *
     * @throws IOException as the JDK's registration would fail, or naming the watch limit
     */
    void attach(boolean subtree, TreeListing listing) throws IOException {
        int fd = walker.openRoot();
        try {
            root = walker.attachRoot(fd);
            if (subtree) {
                walker.walkOrFail(root, fd, listing);
            }
        } finally {
            engine.closeQuietly(fd);
        }
    }

    // ---- what the kernel did

    /**
     * A directory entered the tree: {@code IN_CREATE}, or {@code IN_MOVED_TO} without its FROM (moved in from
     * outside). It is watched with the tree under it; a known child of that name that is not the directory there
     * now was replaced from outside (the name's new {@code IN_MOVED_TO} comes before the old directory's
     * {@code IN_IGNORED}) and is released.
     *
     * @param report report what it holds as created; not for a directory an unmount uncovered
     */
    void entered(WatchedDirectory parent, String name, boolean report) {
        if (!owner.spec().subtree() || !followsRoot()) {
            return;
        }
        if (reconciler.attachNew(parent, name, report)) {
            return;
        }
        rootMoved = true; // the path may be stale because the whole tree moved
        if (followsRoot()) {
            pending.add(parent, name, report);
            engine.catchUpLater(owner);
        }
    }

    /**
     * An entry left the tree: {@code IN_DELETE}, or {@code IN_MOVED_FROM} without its TO (moved out). The event is
     * about the directory the name held when it was queued; the model's entry may be a later one, which a walk
     * found there after the fact. That one stays if it is still at its path; otherwise it goes, and the parent is
     * reconciled once events are read, in case only the parent's path was stale.
     */
    void left(WatchedDirectory parent, String name) {
        WatchedDirectory child = parent.child(name);
        if (child == null || walker.isAtItsPath(child)) {
            return;
        }
        parent.removeChild(name);
        engine.kernelWatches().detachTree(child);
        suspect(parent);
    }

    /**
     * One rename whose both ends are in the tree: {@code IN_MOVED_FROM} then {@code IN_MOVED_TO} with one cookie.
     * A move within the tree takes the directory with everything under it. A rename onto an empty directory
     * displaces it, as does the first half of an exchange; the second half of an exchange is the reverse rename
     * right after, and moves the displaced directory (see {@link Displacement}).
     */
    void renamed(WatchedDirectory from, String fromName, WatchedDirectory to, String toName, boolean directory) {
        Displacement exchange = displaced != null && displaced.completedBy(from, fromName, to, toName) ? displaced : null;
        if (exchange != null) {
            displaced = null;
        } else {
            settle();
        }
        WatchedDirectory moved = exchange != null ? exchange.dir() : directory ? from.child(fromName) : null;
        WatchedDirectory taken = to.child(toName);
        if (taken != null && taken != moved) {
            taken.unlink();
            displaced = new Displacement(taken, from, fromName, to, toName);
        }
        if (moved == null) {
            if (directory) {
                entered(to, toName, true);
            }
        } else if (to.isWithin(moved)) {
            owner.outOfStep("the model would move " + moved + " under itself");
        } else {
            moved.moveTo(to, toName);
            confirmLater(moved);
        }
    }

    /**
     * The kernel removed the watch of a directory under the root ({@code IN_IGNORED}): it was deleted. Its name
     * normally left the model first ({@code IN_DELETE}, or a rename over it). If it is still there, the event that
     * put another directory in its place may have been merged into an identical one before it (inotify merges
     * consecutive events that differ only in their cookie), so its parent is reconciled once events are read.
     */
    void gone(WatchedDirectory dir) {
        if (displaced != null && displaced.dir() == dir) {
            displaced = null;
        }
        if (!dir.detached) {
            WatchedDirectory parent = dir.isPlaced() ? dir.parent() : null; // not a homeless one's old parent
            dir.unlink();
            engine.kernelWatches().detachTree(dir);
            if (parent != null && !parent.detached) {
                suspect(parent);
            }
        }
    }

    /**
     * A file system mounted on a directory under the root was unmounted ({@code IN_UNMOUNT}): what was in it is
     * gone without events and the directory underneath is back, to be watched without reporting its entries.
     */
    void unmounted(WatchedDirectory dir) {
        WatchedDirectory parent = dir.parent();
        String name = dir.name();
        dir.unlink();
        engine.kernelWatches().detachTree(dir);
        if (!parent.detached) {
            entered(parent, name, false);
        }
    }

    /**
     * The registered directory was renamed ({@code IN_MOVE_SELF}). Its kernel watch follows it and events keep
     * coming, relative to it, as with the JDK; its registered path is confirmed the next time it is needed.
     */
    void rootMoved() {
        rootMoved = true;
    }

    /**
     * Any event but the second half of an exchange settles what a rename displaced: it was replaced, and its own
     * {@code IN_IGNORED} releases it. Until then it is homeless: had the model taken the rename for the wrong
     * directory (one attached by a path read ahead of the rename), the displaced one still exists and is watched,
     * maybe at the very name the rename took, and reconciling puts it back in its place.
     */
    void settle() {
        if (displaced != null) {
            WatchedDirectory replaced = displaced.dir();
            displaced = null;
            homeless(replaced);
        }
    }

    // ---- catching up

    /** A directory may hold other subdirectories than the model says: reconcile it once events are read. */
    void suspect(WatchedDirectory dir) {
        pending.reconcile(dir);
        engine.catchUpLater(owner);
    }

    /**
     * The place of {@code dir} in the model was set while later events may still have been queued: by a path read
     * ahead of them, or by a rename read after the tree changed again. It is confirmed once events are read.
     */
    void confirmLater(WatchedDirectory dir) {
        pending.confirm(dir);
        engine.catchUpLater(owner);
    }

    /**
     * The queue has been read empty, so the model has taken in every rename that was queued: a displaced directory
     * no exchange claimed was replaced, what waited for paths to be known is done now, and the places set ahead of
     * the events are confirmed.
     */
    void catchUp() {
        settle();
        attemptPending();
        reconciler.placeHomeless(pending);
        if (!owner.isOutOfStep()) {
            confirmPlaces();
        }
    }

    /**
     * A reconcile found a directory that still exists away from its place, with no event to say where it went: it
     * waits while other directories are still to be reconciled, which may find it and put it in its place.
     */
    void homeless(WatchedDirectory dir) {
        pending.homeless(dir);
        engine.catchUpLater(owner);
    }

    private void attemptPending() {
        for (PendingAttachments.Pending next : pending.takeAll()) {
            if (owner.isReleased() || owner.isOutOfStep()) {
                return;
            }
            int outcome = next.parent().detached ? TreeReconciler.DONE : attempt(next);
            if (outcome == TreeReconciler.DONE || pending.retry(next, outcome == TreeReconciler.BUSY)) {
                continue;
            }
            rootMoved = true;
            if (followsRoot()) {
                owner.outOfStep(outcome == TreeReconciler.BUSY
                        ? next.parent() + " kept changing while it was being checked against the model"
                        : "the path of " + next.parent() + " does not lead to it once every rename is read");
            }
        }
    }

    /**
     * A directory not at the place the model gives it, once every event is read, means the model took an event for
     * the wrong directory: one whose name had been taken over by the time the model looked it up.
     */
    private void confirmPlaces() {
        Set<WatchedDirectory> places = pending.takeConfirmations();
        if (places.isEmpty()) {
            return;
        }
        TreeReconciler.Confirmation confirmation = reconciler.confirm(places);
        if (confirmation.outcome() == TreeReconciler.DONE) {
            pending.confirmed();
        } else if (confirmation.outcome() == TreeReconciler.STALE) {
            rootMoved = true;
            if (followsRoot()) {
                owner.outOfStep(confirmation.misplaced() + " is not where the model has it once every event is read");
            }
        } else if (!pending.unconfirmed(places)) {
            owner.outOfStep("the tree kept changing while the places of directories were being confirmed");
        }
    }

    private int attempt(PendingAttachments.Pending next) {
        if (next.name() == null) {
            return reconciler.reconcile(next.parent());
        }
        return reconciler.attachNew(next.parent(), next.name(), next.report()) ? TreeReconciler.DONE
                : TreeReconciler.STALE;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /**
     * Rebuilds the model from the tree, without reporting. The old model is retired first but its kernel watches
     * kept, for the new one to take over; only those it did not take are removed, so no watch still needed is
     * removed on the way and its events never stop.
     *
     * @return false if the registered directory cannot be opened at its path
     */
    boolean rebuild(boolean subtree) {
        settle();
        forgetPending();
        rootMoved = true;
        if (!followsRoot()) {
            return false;
        }
        if (!subtree) {
            return true;
        }
        int fd = walker.openWatched(root);
        if (fd < 0) {
            return false; // gone: its own events invalidate the watch; or unreadable, which was reported
        }
        List<WatchedDirectory> old = engine.kernelWatches().retireEvery(owner);
        try {
            root = walker.attachRoot(fd);
            walker.walk(root, fd);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot watch " + owner.root() + " afresh, so its watch ends: "
                    + e.getMessage());
            owner.invalidate("the watched tree could not be watched afresh after lost events: " + e.getMessage());
        } finally {
            engine.kernelWatches().releaseRetired(old);
            engine.closeQuietly(fd);
        }
        return true;
    }

    /** Drops what was to be caught up on; homeless directories, which no walk of the tree reaches, are released. */
    private void forgetPending() {
        pending.takeHomeless().forEach(engine.kernelWatches()::detachTree);
        pending.clear();
    }

    /** Walks the tree under the registered directory, as when a plain registration becomes a subtree one. */
    void walkFromRoot() throws IOException {
        rootMoved = true;
        if (!followsRoot()) {
            throw new IOException(owner.root() + " is no longer at its path; cannot watch its subtree");
        }
        int fd = walker.openWatched(root);
        if (fd < 0) {
            throw new IOException("cannot open " + owner.root() + " to watch its subtree");
        }
        try {
            walker.walkOrFail(root, fd, null);
        } finally {
            engine.closeQuietly(fd);
        }
    }

    /** Drops every directory under the root, as when a subtree registration becomes a plain one. */
    void dropSubdirectories() {
        engine.kernelWatches().detachBelow(root);
    }

    /** Gives every kernel watch the mask the registration now needs. */
    void updateMasks() throws IOException {
        engine.kernelWatches().updateMasks(root);
    }

    /** Detaches every directory. */
    void release() {
        forgetPending();
        if (displaced != null) {
            engine.kernelWatches().detachTree(displaced.dir());
            displaced = null;
        }
        if (root != null) {
            engine.kernelWatches().detachEvery(owner, root);
        }
    }

    /**
     * @return whether the registered directory is at its path, confirmed once it was seen to move; if it is not,
     * the registration is invalidated: no path under it can be trusted, and a model rebuilt from that path would be
     * of another directory
     */
    boolean followsRoot() {
        if (owner.isReleased()) {
            return false;
        }
        if (!rootMoved) {
            return true;
        }
        int fd = walker.openWatched(root);
        if (fd >= 0) {
            engine.closeQuietly(fd);
            rootMoved = false;
            return true;
        }
        if (fd == TreeWalker.STALE) {
            LOG.log(System.Logger.Level.WARNING, owner.root() + " was moved or replaced; its watch cannot follow it "
                    + "to watch new subdirectories or read attributes, and ends");
            owner.invalidate("the watched directory was moved away from its path, which the watch needs");
        }
        return false;
    }
}
