package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.ExcludingSink;
import dev.nativewatch.backend.TreeListing;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * One registration: what it asked for, and its {@link WatchedTree}. It turns the engine's events into the change
 * classes its spec asks for, with paths relative to the registered directory, and has the tree keep its model in
 * step; telling apart what an {@code IN_ATTRIB} changed is left to an {@link EntryAttributeTracker}.
 *
 * <p>Where it can no longer follow the tree it says so: an overflow when the model fell out of step with the tree
 * (which is then rebuilt), an invalidated key when the registered directory is no longer at the path it was
 * registered with and a path is needed (to watch a new subdirectory, or to read attributes). Both are logged as
 * warnings. An overflow is reported only once the tree is watched whole again: a consumer lists the tree anew on
 * hearing of it, and must then be told of whatever changes after that. Confined to the poller thread.
 */
final class InotifyWatch implements DirectoryWatch {

    private static final System.Logger LOG = System.getLogger(InotifyWatch.class.getName());

    private final InotifyEngine engine;
    private final Path root;
    private final NativePath rootPath;
    /** The key's sink behind the registration's exclusions. */
    private final ExcludingSink sink;
    private final EntryAttributeTracker attributes;
    private final WatchedTree tree;
    private WatchSpec spec;
    /**
     * The spec's change classes as a plain {@code EnumSet}: {@code retainAll} between two of them is one operation
     * on their bits, where against the spec's unmodifiable view it is a loop of calls, which a watcher that sees
     * few events runs interpreted on every write.
     */
    private EnumSet<Change> wantedChanges;
    /** The masks {@link #spec} needs, kept because every directory a walk attaches asks for one. */
    private int rootMask;
    private int subdirectoryMask;
    private boolean released;
    /**
     * The model fell out of step with the tree: an overflow was reported, and the model is rebuilt once the queue
     * has been read empty. Until then events are not reported: their paths would come from the model, and the
     * events still queued predate the rebuilt model, so they would put it out of step again.
     */
    private boolean outOfStep;
    /**
     * Events were lost, and the overflow is reported once the queue has been read empty: only then is the tree
     * whole again (an unmount, for one, comes as an event on every watch of the file system that went).
     */
    private boolean overflowDue;

    /** @param root the registered directory, absolute; symbolic links in it are followed, as the JDK does */
    InotifyWatch(InotifyEngine engine, Path root, WatchSpec spec, ChangeSink sink) {
        this.engine = engine;
        this.root = root;
        this.rootPath = NativePath.of(root);
        this.sink = new ExcludingSink(sink, spec.exclusions());
        useSpec(spec);
        this.attributes = new EntryAttributeTracker(this, engine);
        TreeWalker walker = new TreeWalker(this, engine, sink, attributes);
        this.tree = new WatchedTree(this, engine, walker, new TreeReconciler(this, engine, walker));
    }

    /**
     * Adds the watches of this new registration; if that fails, every watch it added is removed again.
     *
     * @param listing receives what the walk of a subtree lists; null if nobody wants it
     */
    void start(TreeListing listing) throws IOException {
        try {
            tree.attach(spec.subtree(), listing);
            if (!spec.subtree()) {
                attributes.refresh(tree.root());
            }
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
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
                tree.walkFromRoot();
            }
        } catch (IOException | RuntimeException e) {
            useSpec(previous);
            tree.dropSubdirectories();
            try {
                tree.updateMasks();
            } catch (IOException narrowing) {
                e.addSuppressed(narrowing);
            }
            throw e;
        }
        if (!replacement.subtree() && previous.subtree()) {
            tree.dropSubdirectories();
        } else if (replacement.subtree() && previous.subtree()
                && !replacement.exclusions().equals(previous.exclusions())) {
            // Rebuilt as a walk would build it now: newly excluded directories lose their watches, directories
            // no longer excluded gain theirs. Their contents are not reported, as a registration reports nothing.
            tree.rebuild(true);
        }
        attributes.respecified(previous, replacement, tree.root());
        tree.updateMasks();
    }

    @Override
    public void cancel() {
        release();
    }

    // ---- what the engine's router tells

    /** An entry appeared: {@code IN_CREATE}, or {@code IN_MOVED_TO} from outside this registration's scope. */
    void entryCreated(WatchedDirectory dir, String name, boolean directory) {
        if (ignores(dir)) {
            return;
        }
        attributes.created(dir, name);
        if (!engine.marks().unmark(dir, name)) {
            report(Change.CREATED, dir.relativeOf(name));
        }
        if (directory) {
            tree.entered(dir, name, true);
        }
    }

    /** An entry went away: {@code IN_DELETE}, or {@code IN_MOVED_FROM} to outside this registration's scope. */
    void entryDeleted(WatchedDirectory dir, String name) {
        if (ignores(dir)) {
            return;
        }
        engine.marks().unmark(dir, name);
        attributes.deleted(dir, name);
        report(Change.DELETED, dir.relativeOf(name));
        tree.left(dir, name);
    }

    /** An entry was renamed, and both its old and its new directory belong to this registration. */
    void entryRenamed(WatchedDirectory from, String fromName, WatchedDirectory to, String toName, boolean directory) {
        if (released || outOfStep || from.detached || to.detached) {
            return;
        }
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
        attributes.renamed(from, fromName, to, toName);
        tree.renamed(from, fromName, to, toName, directory);
        if (directory && sink.excludes(to.relativeOf(toName))) {
            // Renamed to an excluded name: its watches are dropped once the queue is read, when reconciling the
            // new parent leaves excluded names out; until then the sink keeps its events from the key.
            tree.suspect(to);
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
        changes.retainAll(wantedChanges);
        if (!changes.isEmpty()) {
            sink.changed(changes, dir.relativeOf(name));
        }
    }

    /** The kernel removed the watch of a directory under the root ({@code IN_IGNORED}): it was deleted. */
    void directoryGone(WatchedDirectory dir) {
        if (!released) {
            tree.gone(dir);
        }
    }

    /** A file system mounted on a directory under the root was unmounted; changes in it were lost unseen. */
    void subdirectoryUnmounted(WatchedDirectory dir) {
        if (released || outOfStep || dir.detached || dir.isRoot()) {
            return;
        }
        tree.unmounted(dir);
        overflowDue = true;
        engine.catchUpLater(this);
    }

    /** The registered directory itself was renamed ({@code IN_MOVE_SELF}). */
    void rootMoved() {
        tree.rootMoved();
    }

    /** Events were lost: rebuild what they may have left out of date, then say so (see the class comment). */
    void overflowed() {
        if (released) {
            return;
        }
        outOfStep = false;
        overflowDue = false;
        resync();
        reportOverflow();
    }

    /** The watch cannot deliver events any more; its resources are released before the sink hears of it. */
    void invalidate(String reason) {
        if (!released) {
            release();
            sink.invalidated(reason);
        }
    }

    /** The queue has been read empty; see {@link WatchedTree#catchUp()}. A model out of step is rebuilt now. */
    void catchUp() {
        if (!outOfStep) {
            tree.catchUp();
        }
        if (outOfStep && !released) {
            outOfStep = false;
            resync();
            overflowDue = true; // once more: a consumer may have listed the tree before the rebuild watched all of it
        }
        if (overflowDue) {
            overflowDue = false;
            reportOverflow();
        }
    }

    private void reportOverflow() {
        if (!released) {
            sink.overflowed();
        }
    }

    /** See {@link WatchedTree#homeless}. */
    void homeless(WatchedDirectory dir) {
        tree.homeless(dir);
    }

    /** See {@link WatchedTree#confirmLater}. */
    void confirmLater(WatchedDirectory dir) {
        tree.confirmLater(dir);
    }

    /** A directory may hold other subdirectories than the model says; see {@link WatchedTree#suspect}. */
    void suspect(WatchedDirectory dir) {
        tree.suspect(dir);
    }

    boolean hasPending() {
        return !released && (outOfStep || overflowDue || tree.hasPending());
    }

    boolean isReleased() {
        return released;
    }

    /**
     * The model no longer matches the tree: say so now, and rebuild it once the queue has been read empty (where
     * the overflow is reported again, see {@link #catchUp()}).
     */
    void outOfStep(String why) {
        if (released || outOfStep) {
            return;
        }
        LOG.log(System.Logger.Level.WARNING, "the watch of " + root + " lost track of its tree (" + why
                + "); reporting an overflow and watching the tree afresh");
        sink.overflowed();
        outOfStep = true;
        engine.catchUpLater(this);
    }

    /** @return whether the model is out of step and waits to be rebuilt; see {@link #outOfStep(String)} */
    boolean isOutOfStep() {
        return outOfStep;
    }

    // ---- what its tree, walker and attribute tracker ask

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

    /** @return the directory's absolute path as the model gives it; the registered directory's for null */
    NativePath nativePathOf(WatchedDirectory dir) {
        NativePath path = rootPath;
        if (dir != null) {
            for (String name : dir.namesOf(null)) {
                path = path.child(name);
            }
        }
        return path;
    }

    /** @return the directory's path, or null when the registered directory is no longer at its path */
    Path pathOf(WatchedDirectory dir) {
        if (!tree.followsRoot()) {
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

    /** @return whether events of this directory are no longer this registration's; otherwise settles renames */
    private boolean ignores(WatchedDirectory dir) {
        if (released || outOfStep || dir.detached) {
            return true;
        }
        tree.settle();
        return false;
    }

    private void useSpec(WatchSpec replacement) {
        spec = replacement;
        wantedChanges = replacement.changes().isEmpty() ? EnumSet.noneOf(Change.class)
                : EnumSet.copyOf(replacement.changes());
        sink.use(replacement.exclusions());
        rootMask = InotifyMasks.of(replacement, true);
        subdirectoryMask = InotifyMasks.of(replacement, false);
    }

    /** Releases every watch; idempotent. */
    private void release() {
        if (released) {
            return;
        }
        released = true;
        tree.release();
        engine.forget(this);
    }

    /** Brings the model and the remembered attributes up to date after lost events, without reporting. */
    private void resync() {
        engine.marks().forget(this);
        if (tree.rebuild(spec.subtree()) && !spec.subtree()) {
            attributes.refresh(tree.root());
        }
    }

    @Override
    public String toString() {
        return "InotifyWatch[" + root + (spec.subtree() ? ", subtree" : "") + (released ? ", released" : "") + "]";
    }
}
