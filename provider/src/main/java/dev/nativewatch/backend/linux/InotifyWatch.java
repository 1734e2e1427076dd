package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Set;

/**
 * One registration: the registered directory and, for a subtree watch, every directory under it, each with its
 * kernel watch. It turns the engine's events into the change classes its spec asks for, with paths relative to
 * the registered directory, and keeps its tree of watches in step with directories created, moved and deleted.
 * Walking directories and attaching their watches is left to a {@link DirectoryTreeWatcher}, telling apart what
 * an {@code IN_ATTRIB} changed to an {@link EntryAttributeTracker}. Confined to the poller thread.
 */
final class InotifyWatch implements DirectoryWatch {

    private static final System.Logger LOG = System.getLogger(InotifyWatch.class.getName());

    private final InotifyEngine engine;
    private final Path root;
    private final ChangeSink sink;
    private final EntryAttributeTracker attributes;
    private final DirectoryTreeWatcher tree;
    private WatchSpec spec;
    /** The masks {@link #spec} needs, kept because every directory a walk attaches asks for one. */
    private int rootMask;
    private int subdirectoryMask;
    private WatchedDirectory rootDirectory;
    private boolean released;
    private boolean rootMoved;

    /** @param root the registered directory, absolute; symbolic links in it are followed, as the JDK does */
    InotifyWatch(InotifyEngine engine, Path root, WatchSpec spec, ChangeSink sink) {
        this.engine = engine;
        this.root = root;
        useSpec(spec);
        this.sink = sink;
        this.attributes = new EntryAttributeTracker(this, engine);
        this.tree = new DirectoryTreeWatcher(this, engine, sink, attributes);
    }

    /** Adds the watches of this new registration; if that fails, every watch it added is removed again. */
    void start() throws IOException {
        WatchedDirectory top = tree.watchRoot();
        rootDirectory = top;
        try {
            if (spec.subtree()) {
                tree.watchTreeOrFail(top);
            } else {
                attributes.refresh(top);
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
                tree.watchTreeOrFail(rootDirectory);
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

    // ---- what the engine asks

    /** @return the inotify event bits one of this registration's directories needs */
    int maskFor(WatchedDirectory dir) {
        return dir.isRoot() ? rootMask : subdirectoryMask;
    }

    /** @return the file system of the registered directory, to which the relative paths of its events belong */
    FileSystem fileSystem() {
        return root.getFileSystem();
    }

    /** @return the directory's path as this registration knows it */
    Path pathOf(WatchedDirectory dir) {
        return dir.isRoot() ? root : root.resolve(dir.relative());
    }

    /** An entry appeared: {@code IN_CREATE}, or {@code IN_MOVED_TO} from outside this registration's scope. */
    void entryCreated(WatchedDirectory dir, String name, boolean directory) {
        if (released || dir.detached) {
            return;
        }
        attributes.created(dir, name);
        if (!engine.marks().unmark(dir, name)) {
            report(Change.CREATED, dir.relativeOf(name));
        }
        if (directory) {
            watchNewDirectory(dir, name);
        }
    }

    /** An entry went away: {@code IN_DELETE}, or {@code IN_MOVED_FROM} to outside this registration's scope. */
    void entryDeleted(WatchedDirectory dir, String name) {
        if (released || dir.detached) {
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

    /** An entry was renamed, and both its old and its new directory belong to this registration. */
    void entryRenamed(WatchedDirectory from, String fromName, WatchedDirectory to, String toName, boolean directory) {
        if (released || from.detached || to.detached) {
            return;
        }
        engine.marks().unmark(from, fromName);
        boolean alreadyReported = engine.marks().unmark(to, toName);
        Path fromPath = from.relativeOf(fromName);
        Path toPath = to.relativeOf(toName);
        if (alreadyReported) {
            // A scan of the new directory saw the entry there and reported it as created.
            report(Change.DELETED, fromPath);
        } else if (spec.pairRenames()) {
            sink.renamed(fromPath, toPath);
        } else {
            report(Change.DELETED, fromPath);
            report(Change.CREATED, toPath);
        }
        attributes.renamed(from, fromName, to, toName);
        WatchedDirectory moved = from.removeChild(fromName);
        WatchedDirectory replaced = to.child(toName);
        if (replaced != null && replaced != moved) {
            // rename(2) onto an empty directory replaces it.
            replaced.unlink();
            tree.release(replaced);
        }
        if (moved != null) {
            moved.moveTo(to, toName);
        } else if (directory) {
            watchNewDirectory(to, toName);
        }
    }

    /**
     * A modify-class event on an entry: {@code IN_MODIFY}, {@code IN_ATTRIB} or {@code IN_ACCESS}. The classes
     * one event stands for are reported together, so that {@code ENTRY_MODIFY} counts the event once.
     */
    void entryModified(WatchedDirectory dir, String name, int mask) {
        if (released || dir.detached) {
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
        if (!parent.detached && !rootMoved) {
            tree.watchSubtree(parent, name, false);
        }
    }

    /**
     * The registered directory itself was moved. Its kernel watch follows it and events keep coming, relative to
     * it, as with the JDK; but its new path is unknown, so no directory created under it afterwards can be
     * watched, and attributes can no longer be read to classify {@code IN_ATTRIB}.
     */
    void rootMoved() {
        if (!rootMoved) {
            rootMoved = true;
            LOG.log(System.Logger.Level.DEBUG, () -> root + " was moved; its watch follows it, but directories "
                    + "created under it from now on cannot be watched");
        }
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

    boolean isReleased() {
        return released;
    }

    // ---- what its tree watcher and attribute tracker ask

    WatchSpec spec() {
        return spec;
    }

    /** @return whether the registered directory was moved, so that no path under it is known any more */
    boolean isRootMoved() {
        return rootMoved;
    }

    /** Reports a change if the spec asks for its class. */
    void report(Change change, Path relative) {
        if (spec.changes().contains(change)) {
            sink.changed(change, relative);
        }
    }

    // ---- helpers

    private void useSpec(WatchSpec replacement) {
        spec = replacement;
        rootMask = InotifyMasks.of(replacement, true);
        subdirectoryMask = InotifyMasks.of(replacement, false);
    }

    /**
     * A directory entered the tree (created or moved in): for a subtree registration it is watched, and what is in
     * it reported as created.
     */
    private void watchNewDirectory(WatchedDirectory parent, String name) {
        if (!spec.subtree() || parent.child(name) != null) {
            return;
        }
        if (rootMoved) {
            LOG.log(System.Logger.Level.DEBUG, () -> "not watching new directory " + parent.relativeOf(name)
                    + ": " + root + " was moved and its new path is unknown");
            return;
        }
        tree.watchSubtree(parent, name, true);
    }

    /** Releases every watch; idempotent. */
    private void release() {
        if (released) {
            return;
        }
        released = true;
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
        if (rootMoved) {
            return;
        }
        if (!spec.subtree()) {
            attributes.refresh(rootDirectory);
            return;
        }
        WatchedDirectory old = rootDirectory;
        WatchedDirectory fresh;
        try {
            fresh = tree.watchRoot();
        } catch (IOException e) {
            return; // The root is gone; its own events will invalidate this watch.
        }
        if (fresh.kernel != old.kernel) {
            tree.release(fresh); // Another directory now has the registered path.
            return;
        }
        rootDirectory = fresh;
        tree.watchTree(fresh);
        tree.release(old);
    }

    @Override
    public String toString() {
        return "InotifyWatch[" + root + (spec.subtree() ? ", subtree" : "") + (released ? ", released" : "") + "]";
    }
}
