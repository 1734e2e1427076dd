package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * One registration: the registered directory and, for a subtree watch, every directory under it, each with its
 * kernel watch. It turns the engine's events into the change classes its spec asks for, with paths relative to
 * the registered directory, and keeps its model of the tree in step with what the kernel reports. Each method
 * under "what the kernel did" is one thing the kernel can do to a tree; walking and attaching directories is left
 * to a {@link TreeWalker}, telling apart what an {@code IN_ATTRIB} changed to an {@link EntryAttributeTracker}.
 *
 * <p>Where it can no longer follow the tree it says so: an overflow when the model fell out of step with the tree
 * (it is then rebuilt), an invalidated key when the registered directory is no longer at the path it was
 * registered with and a path is needed (to watch a new subdirectory, or read attributes). Both are logged as
 * warnings. Confined to the poller thread.
 */
final class InotifyWatch implements DirectoryWatch {

    private static final System.Logger LOG = System.getLogger(InotifyWatch.class.getName());

    private final InotifyEngine engine;
    private final Path root;
    private final NativePath rootPath;
    private final ChangeSink sink;
    private final EntryAttributeTracker attributes;
    private final TreeWalker tree;
    private final PendingAttachments pending = new PendingAttachments();
    private WatchSpec spec;
    /** The masks {@link #spec} needs, kept because every directory a walk attaches asks for one. */
    private int rootMask;
    private int subdirectoryMask;
    private WatchedDirectory rootDirectory;
    private Displacement displaced;
    private boolean released;
    /** The registered directory was renamed: its path must be confirmed before it is used. */
    private boolean rootMoved;

    /** @param root the registered directory, absolute; symbolic links in it are followed, as the JDK does */
    InotifyWatch(InotifyEngine engine, Path root, WatchSpec spec, ChangeSink sink) {
        this.engine = engine;
        this.root = root;
        this.rootPath = NativePath.of(root);
        useSpec(spec);
        this.sink = sink;
        this.attributes = new EntryAttributeTracker(this, engine);
        this.tree = new TreeWalker(this, engine, sink, attributes);
    }

    /** Adds the watches of this new registration; if that fails, every watch it added is removed again. */
    void start() throws IOException {
        int fd = tree.openRoot();
        try {
            rootDirectory = tree.attachRoot(fd);
            if (spec.subtree()) {
                tree.walkOrFail(rootDirectory, fd);
            } else {
                attributes.refresh(rootDirectory);
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        } finally {
            engine.closeQuietly(fd);
        }
    }

    // ---- DirectoryWatch

    /**
     * Applies a re-registration: masks are recomputed for every directory, a subtree is walked or dropped when the
     * subtree option changes, and attribute tracking starts or stops. If walking a new subtree fails, the previous
     * spec stays in force and nothing the attempt added is left behind.
     */
    @Override
    public void respecify(WatchSpec replacement) throws IOException {
        if (released || replacement.equals(spec)) {
            return;
        }
        WatchSpec previous = spec;
        useSpec(replacement);
        try {
            if (replacement.subtree() && !previous.subtree()) {
                walkFromRoot();
            }
        } catch (IOException | RuntimeException e) {
            useSpec(previous);
            tree.dropSubdirectories(rootDirectory);
            try {
                tree.updateMasks(rootDirectory);
            } catch (IOException narrowing) {
                e.addSuppressed(narrowing);
            }
            throw e;
        }
        if (!replacement.subtree() && previous.subtree()) {
            tree.dropSubdirectories(rootDirectory);
        }
        attributes.respecified(previous, replacement, rootDirectory);
        tree.updateMasks(rootDirectory);
    }

    @Override
    public void cancel() {
        release();
    }

    // ---- what the kernel did

    /** An entry was created ({@code IN_CREATE}), or moved in from outside the tree ({@code IN_MOVED_TO}). */
    void entryCreated(WatchedDirectory dir, String name, boolean directory) {
        if (ignores(dir)) {
            return;
        }
        attributes.created(dir, name);
        if (!engine.marks().unmark(dir, name)) {
            report(Change.CREATED, dir.relativeOf(name));
        }
        if (directory) {
            attachNew(dir, name, true);
        }
    }

    /** An entry was deleted ({@code IN_DELETE}), or moved out of the tree ({@code IN_MOVED_FROM} alone). */
    void entryDeleted(WatchedDirectory dir, String name) {
        if (ignores(dir)) {
            return;
        }
        engine.marks().unmark(dir, name);
        attributes.deleted(dir, name);
        report(Change.DELETED, dir.relativeOf(name));
        WatchedDirectory child = dir.removeChild(name);
        if (child != null) {
            tree.release(child);
        }
    }

    /**
     * An entry was renamed, and both its old and its new directory belong to this registration: a move within the
     * tree, a rename over an empty directory (which displaces it), or one half of an exchange (see
     * {@link Displacement}).
     */
    void entryRenamed(WatchedDirectory from, String fromName, WatchedDirectory to, String toName, boolean directory) {
        if (released || from.detached || to.detached) {
            return;
        }
        boolean secondHalf = displaced != null && displaced.completedBy(from, fromName, to, toName);
        WatchedDirectory exchanged = secondHalf ? displaced.dir() : null;
        if (secondHalf) {
            displaced = null;
        } else {
            settleDisplaced();
        }
        reportRename(from, fromName, to, toName);
        attributes.renamed(from, fromName, to, toName);
        WatchedDirectory moved = secondHalf ? exchanged : directory ? from.child(fromName) : null;
        WatchedDirectory taken = to.child(toName);
        if (taken != null && taken != moved) {
            taken.unlink();
            displaced = new Displacement(taken, from, fromName, to, toName);
        }
        if (moved == null) {
            if (directory) {
                attachNew(to, toName, true);
            }
        } else if (to.isWithin(moved)) {
            outOfStep("the model would move " + moved + " under itself");
        } else {
            moved.moveTo(to, toName);
        }
    }

    /**
     * A modify-class event on an entry: {@code IN_MODIFY}, {@code IN_ATTRIB} or {@code IN_ACCESS}. The classes
     * one event stands for are reported together, so that {@code ENTRY_MODIFY} counts the event once.
     */
    void entryModified(WatchedDirectory dir, String name, int mask) {
        if (ignores(dir)) {
            return;
        }
        Set<Change> changes = attributes.changesOf(dir, name, mask);
        changes.retainAll(spec.changes());
        if (!changes.isEmpty()) {
            sink.changed(changes, dir.relativeOf(name));
        }
    }

    /** The kernel removed the watch of a directory under the root ({@code IN_IGNORED}): it was deleted. */
    void directoryGone(WatchedDirectory dir) {
        if (displaced != null && displaced.dir() == dir) {
            displaced = null;
        }
        if (released || dir.detached) {
            return;
        }
        dir.unlink();
        tree.release(dir);
    }

    /**
     * A file system mounted on a directory under the root was unmounted: what was in it is gone without events and
     * the directory underneath is back. The registration is told that changes were lost, and watches the
     * directory now at that path, without reporting its entries.
     */
    void subdirectoryUnmounted(WatchedDirectory dir) {
        if (released || dir.detached || dir.isRoot()) {
            return;
        }
        WatchedDirectory parent = dir.parent();
        String name = dir.name();
        dir.unlink();
        tree.release(dir);
        sink.overflowed();
        if (!parent.detached) {
            attachNew(parent, name, false);
        }
    }

    /**
     * The registered directory itself was renamed ({@code IN_MOVE_SELF}). Its kernel watch follows it and events
     * keep coming, relative to it, as with the JDK; its registered path is confirmed the next time it is needed.
     */
    void rootMoved() {
        rootMoved = true;
    }

    /** Events were lost: say so, then rebuild what lost events may have left out of date. */
    void overflowed() {
        if (released) {
            return;
        }
        sink.overflowed();
        resync();
    }

    /** The watch cannot deliver events any more; its resources are released before the sink hears of it. */
    void invalidate(String reason) {
        if (!released) {
            release();
            sink.invalidated(reason);
        }
    }

    /** The queue has been read empty, so renames that made paths stale have been applied: attach what waited. */
    void retryPending() {
        for (PendingAttachments.Pending next : pending.takeAll()) {
            if (released) {
                return;
            }
            if (next.parent().detached || tree.attachNew(next.parent(), next.name(), next.report())) {
                continue;
            }
            if (!pending.retry(next) && followsRoot()) {
                outOfStep("the path of " + next.parent() + " does not lead to it once every rename has been read");
            }
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    boolean isReleased() {
        return released;
    }

    // ---- what its tree walker and attribute tracker ask

    WatchSpec spec() {
        return spec;
    }

    /** @return the registered directory, absolute */
    Path root() {
        return root;
    }

    /** @return the inotify event bits one of this registration's directories needs */
    int maskFor(WatchedDirectory dir) {
        return dir.isRoot() ? rootMask : subdirectoryMask;
    }

    /** @return the path of kernel names relative to the registered directory, naming the kernel's bytes */
    Path relativePath(String[] names) {
        return FileNames.relativePath(root, names);
    }

    /** @return the directory's absolute path as this registration's model gives it; null for the registered one */
    NativePath nativePathOf(WatchedDirectory dir) {
        NativePath path = rootPath;
        if (dir != null) {
            for (String name : dir.namesOf(null)) {
                path = path.child(name);
            }
        }
        return path;
    }

    /** @return the directory's path, or null when the registered directory was moved and its path is unknown */
    Path pathOf(WatchedDirectory dir) {
        if (!followsRoot()) {
            return null;
        }
        return dir.isRoot() ? root : root.resolve(dir.relative());
    }

    /** Reports a change if the spec asks for its class. */
    void report(Change change, Path relative) {
        if (spec.changes().contains(change)) {
            sink.changed(change, relative);
        }
    }

    // ---- helpers

    private boolean ignores(WatchedDirectory dir) {
        if (released || dir.detached) {
            return true;
        }
        settleDisplaced();
        return false;
    }

    private void reportRename(WatchedDirectory from, String fromName, WatchedDirectory to, String toName) {
        engine.marks().unmark(from, fromName);
        Path fromPath = from.relativeOf(fromName);
        if (engine.marks().unmark(to, toName)) {
            // A scan of the new directory saw the entry there and reported it as created.
            report(Change.DELETED, fromPath);
        } else if (spec.pairRenames()) {
            sink.renamed(fromPath, to.relativeOf(toName));
        } else {
            report(Change.DELETED, fromPath);
            report(Change.CREATED, to.relativeOf(toName));
        }
    }

    /** No second half of an exchange came: the displaced directory was replaced, and is released. */
    private void settleDisplaced() {
        if (displaced != null) {
            WatchedDirectory replaced = displaced.dir();
            displaced = null;
            tree.release(replaced);
        }
    }

    /** A directory entered a subtree registration's tree: it is watched, or waits until its parent's path is known. */
    private void attachNew(WatchedDirectory parent, String name, boolean report) {
        if (!spec.subtree() || !followsRoot()) {
            return;
        }
        if (!tree.attachNew(parent, name, report)) {
            pending.add(parent, name, report);
            engine.attachmentPending(this);
        }
    }

    /**
     * @return whether the registered directory is still at its path once it was seen to move; if not, the key is
     * invalidated: no path under it can be trusted, and a rebuilt model would be of another directory
     */
    private boolean followsRoot() {
        if (!rootMoved || released) {
            return !released;
        }
        int fd = tree.openWatched(rootDirectory);
        if (fd >= 0) {
            engine.closeQuietly(fd);
            rootMoved = false;
            return true;
        }
        if (fd == TreeWalker.STALE) {
            LOG.log(System.Logger.Level.WARNING, root + " was moved or replaced; its watch cannot follow it to "
                    + "watch new subdirectories or read attributes, and is cancelled");
            invalidate("the watched directory was moved away from its path, which the watch needs");
        }
        return false;
    }

    /** The model no longer matches the tree: say so, and rebuild it. */
    private void outOfStep(String why) {
        LOG.log(System.Logger.Level.WARNING, "the watch of " + root + " lost track of its tree (" + why
                + "); reporting an overflow and watching the tree afresh");
        overflowed();
    }

    private void useSpec(WatchSpec replacement) {
        spec = replacement;
        rootMask = InotifyMasks.of(replacement, true);
        subdirectoryMask = InotifyMasks.of(replacement, false);
    }

    /** Walks the tree from the registered directory, which must still be at its path. */
    private void walkFromRoot() throws IOException {
        rootMoved = true;
        if (!followsRoot()) {
            throw new IOException(root + " is no longer at its path; cannot watch its subtree");
        }
        int fd = tree.openWatched(rootDirectory);
        if (fd < 0) {
            throw new IOException("cannot open " + root + " to watch its subtree");
        }
        try {
            tree.walkOrFail(rootDirectory, fd);
        } finally {
            engine.closeQuietly(fd);
        }
    }

    /** Releases every watch; idempotent. */
    private void release() {
        if (released) {
            return;
        }
        released = true;
        pending.clear();
        if (displaced != null) {
            tree.release(displaced.dir());
            displaced = null;
        }
        if (rootDirectory != null) {
            tree.release(rootDirectory);
        }
        engine.forget(this);
    }

    /**
     * Brings the tree of watches and the remembered attributes up to date after lost events, without reporting:
     * the sink was told of the overflow. The new tree is built beside the old one, sharing its kernel watches,
     * and the old one released after, so no watch that is still needed is removed on the way.
     */
    private void resync() {
        engine.marks().forget(this);
        pending.clear();
        settleDisplaced();
        rootMoved = true;
        if (!followsRoot()) {
            return;
        }
        if (!spec.subtree()) {
            attributes.refresh(rootDirectory);
            return;
        }
        int fd = tree.openWatched(rootDirectory);
        if (fd < 0) {
            return; // gone: its own events invalidate this watch; or unreadable, which was reported
        }
        try {
            WatchedDirectory old = rootDirectory;
            rootDirectory = tree.attachRoot(fd);
            tree.walk(rootDirectory, fd);
            tree.release(old);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot watch " + root + " afresh: " + e.getMessage());
        } finally {
            engine.closeQuietly(fd);
        }
    }

    @Override
    public String toString() {
        return "InotifyWatch[" + root + (spec.subtree() ? ", subtree" : "") + (released ? ", released" : "") + "]";
    }
}
