package dev.nativewatch.backend.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attaches the directories that enter a registration's tree after it was walked, and reconciles the model with a
 * directory where events read after the fact left it unsure. Both open a directory the model already watches by
 * its path, confirmed with the kernel ({@link TreeWalker#openWatched}), and everything under it by descriptor.
 * Confined to the poller thread.
 */
final class TreeReconciler {

    /** {@link #reconcile}: done, or nothing to do. */
    static final int DONE = 0;
    /** {@link #reconcile}: the directory's path is stale. */
    static final int STALE = 1;
    /** {@link #reconcile}: events were queued while the directory was looked at. */
    static final int BUSY = 2;

    private final InotifyWatch owner;
    private final InotifyEngine engine;
    private final TreeWalker walker;

    TreeReconciler(InotifyWatch owner, InotifyEngine engine, TreeWalker walker) {
        this.owner = owner;
        this.engine = engine;
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
            engine.kernelWatches().detachTree(known);
        }
        WatchedDirectory child = walker.attachChild(parent, name, childFd, false);
        if (child != null) {
            owner.confirmLater(child);
            walker.walk(child, childFd, report, false);
        }
    }

    /**
     * Brings the entries under {@code dir} in line with the subdirectories it holds now. The directory is looked at
     * first and changed only if no event was queued meanwhile, since the look is then no newer than the model: an
     * entry whose directory is no longer there is dropped, a directory the model has elsewhere is moved here (the
     * event of its move came before its new parent was watched, or was merged away), and one it does not know is
     * watched, with what it holds reported as created.
     *
     * @return {@link #DONE}; {@link #STALE} if the path of {@code dir} is stale, or {@link #BUSY} if the tree changed
     * meanwhile, so that the caller tries again once the queued events have been read
     */
    int reconcile(WatchedDirectory dir) {
        int fd = walker.openWatched(dir);
        if (fd < 0) {
            return fd == TreeWalker.STALE ? STALE : DONE;
        }
        Map<String, Integer> seen = new LinkedHashMap<>();
        try {
            look(dir, fd, seen);
            // The probes of unwatched directories stay until the check, since removing one queues an event.
            if (engine.eventsQueued()) {
                return BUSY;
            }
            List<WatchedDirectory> unlinked = new ArrayList<>();
            for (Map.Entry<String, Integer> entry : seen.entrySet()) {
                bringInLine(dir, fd, entry.getKey(), engine.kernelWatches().get(entry.getValue()), unlinked);
            }
            for (WatchedDirectory child : dir.children()) {
                if (!seen.containsKey(child.name())) {
                    child.unlink();
                    unlinked.add(child);
                }
            }
            unlinked.forEach(this::displaced);
            return DONE;
        } finally {
            seen.values().forEach(engine.kernelWatches()::dropProbe);
            walker.closeQuietly(fd);
        }
    }

    /**
     * Confirms that each of {@code dirs} is where the model's path for it leads. Only a look taken with no event
     * queued meanwhile proves anything: the model has then taken in every change made before the look.
     *
     * @return {@link #DONE}; {@link #STALE} naming a directory that is not at its path (the model is out of step);
     * or {@link #BUSY} if events were queued meanwhile, so that the caller tries again once they have been read
     */
    Confirmation confirm(Set<WatchedDirectory> dirs) {
        List<Integer> probes = new ArrayList<>();
        WatchedDirectory misplaced = null;
        try {
            for (WatchedDirectory dir : dirs) {
                if (!dir.detached && misplaced == null && !isAtItsPath(dir, probes)) {
                    misplaced = dir;
                }
            }
            if (engine.eventsQueued()) {
                return new Confirmation(BUSY, null);
            }
            return new Confirmation(misplaced == null ? DONE : STALE, misplaced);
        } finally {
            probes.forEach(engine.kernelWatches()::dropProbe); // after the check: removing a probe queues an event
        }
    }

    /** The outcome of {@link #confirm}, and the directory found out of place when it is {@link #STALE}. */
    record Confirmation(int outcome, WatchedDirectory misplaced) {
    }

    private boolean isAtItsPath(WatchedDirectory dir, List<Integer> probes) {
        if (dir.kernel == null) {
            return false;
        }
        try {
            int wd = engine.kernelWatches().probeAt(owner.nativePathOf(dir), dir.kernel.mask);
            probes.add(wd);
            return wd == dir.kernel.wd;
        } catch (InotifyException e) {
            return false; // gone, or no longer a directory, at that path
        }
    }

    /**
     * A directory that reconciling took from its place. Unless it was put in another place meanwhile, it is released
     * if it was deleted (the kernel removed its watch) or left out by an exclusion; one that still exists is
     * somewhere the model has not looked, and waits for the other reconciles ({@link WatchedTree#homeless}).
     */
    private void displaced(WatchedDirectory dir) {
        if (dir.isPlaced()) {
            return;
        }
        if (engine.kernelWatches().isLive(dir) && !walker.excluded(dir.parent(), dir.name())) {
            owner.homeless(dir);
        } else {
            engine.kernelWatches().detachTree(dir);
        }
    }

    /**
     * Releases the homeless directories deleted meanwhile; one still homeless once nothing is left to reconcile
     * means that the model has lost it.
     */
    void placeHomeless(PendingAttachments pending) {
        for (WatchedDirectory dir : pending.takeHomeless()) {
            if (dir.isPlaced()) {
                continue;
            }
            boolean lost = engine.kernelWatches().isLive(dir) && !owner.isOutOfStep() && !owner.isReleased();
            if (lost && pending.reconciles()) {
                pending.homeless(dir);
                continue;
            }
            engine.kernelWatches().detachTree(dir); // no event of it can be reported under a path any more
            if (lost) {
                owner.outOfStep(dir + " is no longer where the model has it, and not where the model has looked");
            }
        }
    }

    /** Puts each subdirectory's kernel name in {@code seen}, with the watch descriptor a probe of it gave. */
    private void look(WatchedDirectory dir, int fd, Map<String, Integer> seen) {
        int mask = InotifyMasks.of(owner.spec(), false);
        for (String name : walker.list(dir, fd, false)) {
            if (walker.excluded(dir, name)) {
                continue; // not there as far as the model goes: a known one is dropped
            }
            int childFd = walker.openChild(fd, name);
            if (childFd < 0) {
                continue;
            }
            try {
                seen.put(name, engine.kernelWatches().probe(childFd, mask));
            } catch (InotifyException e) {
                // Not watchable now; like a directory gone meanwhile, it is left out.
            } finally {
                walker.closeQuietly(childFd);
            }
        }
    }

    private void bringInLine(WatchedDirectory dir, int fd, String name, KernelWatch watch,
                             List<WatchedDirectory> unlinked) {
        WatchedDirectory known = dir.child(name);
        if (known != null && watch != null && known.kernel == watch) {
            return;
        }
        if (known != null) {
            known.unlink();
            unlinked.add(known);
        }
        WatchedDirectory holder = watch == null ? null : watch.directoryOf(owner);
        if (holder == null) {
            attachNamed(dir, fd, name);
        } else if (!dir.isWithin(holder)) {
            WatchedDirectory left = holder.isPlaced() ? holder.parent() : null;
            holder.moveTo(dir, name);
            owner.confirmLater(holder);
            if (left != null && left != dir) {
                owner.suspect(left); // it held the directory under a name that may now hold another one
            }
        } else {
            owner.outOfStep("the model has " + dir + " under " + holder + ", which it holds");
        }
    }

    private void attachNamed(WatchedDirectory dir, int fd, String name) {
        int childFd = walker.openChild(fd, name);
        if (childFd < 0) {
            return;
        }
        try {
            WatchedDirectory child = walker.attachChild(dir, name, childFd, false);
            if (child != null) {
                owner.confirmLater(child);
                walker.walk(child, childFd, true, false);
            }
        } finally {
            walker.closeQuietly(childFd);
        }
    }
}
