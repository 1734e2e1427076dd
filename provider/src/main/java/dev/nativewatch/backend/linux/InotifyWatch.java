package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * One registration: the registered directory and, for a subtree watch, every directory under it, each with its
 * kernel watch. It turns the engine's events into the change classes its spec asks for, with paths relative to
 * the registered directory, and keeps its tree of watches in step with directories created, moved and deleted.
 * Confined to the poller thread.
 */
final class InotifyWatch implements DirectoryWatch {

    private static final System.Logger LOG = System.getLogger(InotifyWatch.class.getName());

    private final InotifyEngine engine;
    private final Path root;
    private final ChangeSink sink;
    private final EntryAttributeTracker attributes;
    private WatchSpec spec;
    private WatchedDirectory rootDirectory;
    private boolean released;
    private boolean rootMoved;
    /** The watch limit was reached while registering; see {@link #watchTreeOrFail}. */
    private IOException limitReached;

    /** @param root the registered directory, absolute; symbolic links in it are followed, as the JDK does */
    InotifyWatch(InotifyEngine engine, Path root, WatchSpec spec, ChangeSink sink) {
        this.engine = engine;
        this.root = root;
        this.spec = spec;
        this.sink = sink;
        this.attributes = new EntryAttributeTracker(this, engine);
    }

    /** Adds the watches of this new registration; if that fails, every watch it added is removed again. */
    void start() throws IOException {
        WatchedDirectory top = newDirectory(null, null, root.getFileSystem().getPath(""));
        engine.kernelWatches().attachRoot(top, root);
        rootDirectory = top;
        try {
            if (spec.subtree()) {
                watchTreeOrFail(top);
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
        spec = replacement;
        try {
            if (replacement.subtree() && !previous.subtree()) {
                watchTreeOrFail(rootDirectory);
            }
        } catch (IOException | RuntimeException e) {
            spec = previous;
            dropSubdirectories();
            try {
                refreshMasks();
            } catch (IOException narrowing) {
                e.addSuppressed(narrowing);
            }
            throw e;
        }
        if (!replacement.subtree() && previous.subtree()) {
            dropSubdirectories();
        }
        attributes.respecified(previous, replacement, rootDirectory);
        refreshMasks();
    }

    @Override
    public void cancel() {
        release();
    }

    // ---- what the engine asks

    /** @return the inotify event bits one of this registration's directories needs */
    int maskFor(WatchedDirectory dir) {
        return InotifyMasks.of(spec, dir.isRoot());
    }

    /** @return the directory's path as this registration knows it */
    Path pathOf(WatchedDirectory dir) {
        return dir.isRoot() ? root : root.resolve(dir.relative());
    }

    WatchSpec spec() {
        return spec;
    }

    /** @return whether the registered directory was moved, so that no path under it is known any more */
    boolean isRootMoved() {
        return rootMoved;
    }

    /** An entry appeared: {@code IN_CREATE}, or {@code IN_MOVED_TO} from outside this registration's scope. */
    void entryCreated(WatchedDirectory dir, String name, boolean directory) {
        if (released || dir.detached) {
            return;
        }
        attributes.created(dir, name);
        if (!dir.unmarkReported(name)) {
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
        dir.unmarkReported(name);
        attributes.deleted(dir, name);
        report(Change.DELETED, dir.relativeOf(name));
        WatchedDirectory child = dir.removeChild(name);
        if (child != null) {
            releaseTree(child);
        }
    }

    /** An entry was renamed, and both its old and its new directory belong to this registration. */
    void entryRenamed(WatchedDirectory from, String fromName, WatchedDirectory to, String toName, boolean directory) {
        if (released || from.detached || to.detached) {
            return;
        }
        from.unmarkReported(fromName);
        boolean alreadyReported = to.unmarkReported(toName);
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
            releaseTree(replaced);
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
        releaseTree(dir);
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
        releaseTree(dir);
        sink.overflowed();
        if (!parent.detached && !rootMoved) {
            WatchedDirectory underneath = attachChild(parent, name, false);
            if (underneath != null) {
                watchTree(underneath, false, false);
            }
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

    // ---- the tree of watches

    private WatchedDirectory newDirectory(WatchedDirectory parent, String name, Path relative) {
        WatchedDirectory dir = new WatchedDirectory(this, parent, name, relative);
        attributes.prepare(dir);
        return dir;
    }

    /**
     * A directory entered the tree (created or moved in): it is watched before it is listed, so that an entry
     * created in it meanwhile is either listed or reported by its own event, and what the listing finds is reported
     * as created (and watched, if a directory, the same way).
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
        WatchedDirectory child = attachChild(parent, name, false);
        if (child != null) {
            watchTree(child, true, false);
        }
    }

    /**
     * Watches the tree under {@code top} while registering: reaching the watch limit fails the registration.
     *
     * @throws IOException naming {@code fs.inotify.max_user_watches}; the caller removes what was added
     */
    private void watchTreeOrFail(WatchedDirectory top) throws IOException {
        watchTree(top, false, true);
        IOException failure = limitReached;
        limitReached = null;
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Lists {@code top} and every directory under it, watching each directory found. Symbolic links are not
     * followed. An entry that vanishes meanwhile is skipped, and so is a directory that cannot be read.
     *
     * @param report      report every entry found as created, and mark it so that its own queued event is not
     *                    reported again
     * @param registering stop at the watch limit, leaving the failure in {@link #limitReached}, instead of
     *                    logging it and reporting an overflow
     */
    private void watchTree(WatchedDirectory top, boolean report, boolean registering) {
        Deque<WatchedDirectory> pending = new ArrayDeque<>();
        pending.push(top);
        while (!pending.isEmpty()) {
            WatchedDirectory dir = pending.pop();
            if (dir.detached) {
                continue;
            }
            for (String name : list(dir, report)) {
                if (dir.child(name) == null) {
                    WatchedDirectory child = attachChild(dir, name, registering);
                    if (limitReached != null) {
                        return;
                    }
                    if (child != null) {
                        pending.push(child);
                    }
                }
            }
        }
    }

    /**
     * Lists a directory, reporting its entries as created if asked.
     *
     * @return the names of its subdirectories
     */
    private List<String> list(WatchedDirectory dir, boolean report) {
        List<String> subdirectories = new ArrayList<>();
        Path path = pathOf(dir);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                Boolean directory = isDirectory(dir, name, entry);
                if (directory == null) {
                    continue;
                }
                if (report) {
                    dir.markReported(name);
                    engine.marked(dir);
                    report(Change.CREATED, dir.relativeOf(name));
                }
                if (directory) {
                    subdirectories.add(name);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException gone) {
            // Deleted or replaced since it was watched; its own events say so.
        } catch (IOException | DirectoryIteratorException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list " + path + ", so changes under it may go "
                    + "unreported: " + e);
        }
        return subdirectories;
    }

    /** @return whether the entry is a directory (links not followed), or null if it cannot be read */
    private Boolean isDirectory(WatchedDirectory dir, String name, Path entry) {
        if (dir.entries != null) {
            EntryAttributes listed = attributes.listed(dir, name, entry);
            return listed == null ? null : listed.directory();
        }
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isDirectory();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Watches a subdirectory. A directory that is gone, was replaced by a file or a link, or cannot be read is
     * skipped (the last one logged).
     *
     * @param registering at the watch limit, leave the failure in {@link #limitReached} instead of logging it and
     *                    reporting an overflow
     * @return the new directory, or null if it is not watched
     */
    private WatchedDirectory attachChild(WatchedDirectory parent, String name, boolean registering) {
        Path path = pathOf(parent).resolve(name);
        WatchedDirectory child = newDirectory(parent, name, parent.relativeOf(name));
        try {
            engine.kernelWatches().attachSubdirectory(child, path);
        } catch (InotifyException e) {
            switch (e.errno()) {
                case InotifyApi.ENOENT, InotifyApi.ENOTDIR -> {
                    return null; // gone, or no longer a directory (IN_ONLYDIR, IN_DONT_FOLLOW)
                }
                case InotifyApi.ENOSPC -> {
                    IOException limit = InotifyLimits.watchesExhausted(path, e);
                    if (registering) {
                        limitReached = limit;
                        return null;
                    }
                    LOG.log(System.Logger.Level.WARNING, limit.getMessage());
                    sink.overflowed();
                    return null;
                }
                default -> {
                    LOG.log(System.Logger.Level.WARNING, "not watching " + path + ", so changes under it go "
                            + "unreported: " + e.getMessage());
                    return null;
                }
            }
        }
        parent.addChild(name, child);
        return child;
    }

    /** Drops every directory under the root, as when a subtree registration becomes a plain one. */
    private void dropSubdirectories() {
        for (WatchedDirectory dir : rootDirectory.subtree()) {
            if (dir != rootDirectory) {
                engine.kernelWatches().detach(dir);
            }
        }
        rootDirectory.forgetChildren();
    }

    private void releaseTree(WatchedDirectory top) {
        for (WatchedDirectory dir : top.subtree()) {
            engine.kernelWatches().detach(dir);
        }
    }

    /** Releases every watch; idempotent. */
    private void release() {
        if (released) {
            return;
        }
        released = true;
        if (rootDirectory != null) {
            releaseTree(rootDirectory);
        }
        engine.forget(this);
    }

    private void refreshMasks() throws IOException {
        for (WatchedDirectory dir : rootDirectory.subtree()) {
            engine.kernelWatches().updateMask(dir.kernel);
        }
    }

    /**
     * Brings the tree of watches and the remembered attributes up to date after lost events, without reporting:
     * the sink was told of the overflow. The new tree is built beside the old one, sharing its kernel watches,
     * and the old one released after, so no watch that is still needed is removed on the way.
     */
    private void resync() {
        rootDirectory.subtree().forEach(WatchedDirectory::clearMarks);
        if (rootMoved) {
            return;
        }
        if (!spec.subtree()) {
            attributes.refresh(rootDirectory);
            return;
        }
        WatchedDirectory old = rootDirectory;
        WatchedDirectory fresh = newDirectory(null, null, old.relative());
        try {
            engine.kernelWatches().attachRoot(fresh, root);
        } catch (IOException e) {
            return; // The root is gone; its own events will invalidate this watch.
        }
        if (fresh.kernel != old.kernel) {
            engine.kernelWatches().detach(fresh); // Another directory now has the registered path.
            return;
        }
        rootDirectory = fresh;
        watchTree(fresh, false, false);
        releaseTree(old);
    }

    private void report(Change change, Path relative) {
        if (spec.changes().contains(change)) {
            sink.changed(change, relative);
        }
    }

    @Override
    public String toString() {
        return "InotifyWatch[" + root + (spec.subtree() ? ", subtree" : "") + (released ? ", released" : "") + "]";
    }
}
