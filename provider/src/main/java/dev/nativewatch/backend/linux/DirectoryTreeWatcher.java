package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Walks one registration's directories and attaches each to its kernel watch, or detaches it again. Confined to
 * the poller thread.
 */
final class DirectoryTreeWatcher {

    private static final System.Logger LOG = System.getLogger(DirectoryTreeWatcher.class.getName());

    private final InotifyWatch owner;
    private final InotifyEngine engine;
    private final ChangeSink sink;
    private final EntryAttributeTracker attributes;
    /** The watch limit was reached while registering; see {@link #watchTreeOrFail}. */
    private IOException limitReached;

    DirectoryTreeWatcher(InotifyWatch owner, InotifyEngine engine, ChangeSink sink, EntryAttributeTracker attributes) {
        this.owner = owner;
        this.engine = engine;
        this.sink = sink;
        this.attributes = attributes;
    }

    /**
     * Watches the registered directory, following symbolic links as the JDK does.
     *
     * @throws IOException as {@link KernelWatchTable#attachRoot} does
     */
    WatchedDirectory watchRoot() throws IOException {
        WatchedDirectory top = newDirectory(null, null);
        engine.kernelWatches().attachRoot(top, owner.pathOf(top));
        return top;
    }

    /**
     * Watches the tree under {@code top} while registering: reaching the watch limit fails the registration.
     *
     * @throws IOException naming {@code fs.inotify.max_user_watches}; the caller removes what was added
     */
    void watchTreeOrFail(WatchedDirectory top) throws IOException {
        watchTree(top, NativePath.of(owner.pathOf(top)), false, true);
        IOException failure = limitReached;
        limitReached = null;
        if (failure != null) {
            throw failure;
        }
    }

    /** Watches the tree under {@code top} without reporting what it finds; the watch limit is an overflow. */
    void watchTree(WatchedDirectory top) {
        watchTree(top, NativePath.of(owner.pathOf(top)), false, false);
    }

    /**
     * A directory entered the tree: it is watched before it is listed, so that an entry created in it meanwhile is
     * either listed or reported by its own event. Then the tree under it is watched the same way.
     *
     * @param report report what the listings find as created, as for a directory created or moved in; not for one
     *               an unmount uncovered, whose entries were there before
     */
    void watchSubtree(WatchedDirectory parent, String name, boolean report) {
        NativePath path = NativePath.of(owner.pathOf(parent)).child(name);
        WatchedDirectory child = attachChild(parent, path, name, false);
        if (child != null) {
            watchTree(child, path, report, false);
        }
    }

    /** Detaches {@code top} and every directory under it. */
    void release(WatchedDirectory top) {
        for (WatchedDirectory dir : top.subtree()) {
            engine.kernelWatches().detach(dir);
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

    private WatchedDirectory newDirectory(WatchedDirectory parent, String name) {
        WatchedDirectory dir = new WatchedDirectory(owner, parent, name);
        attributes.prepare(dir);
        return dir;
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
    private void watchTree(WatchedDirectory top, NativePath topPath, boolean report, boolean registering) {
        // Directories keep no path (see WatchedDirectory); the walk carries each one's path from its parent's.
        Deque<Located> pending = new ArrayDeque<>();
        pending.push(new Located(top, topPath));
        while (!pending.isEmpty()) {
            Located next = pending.pop();
            WatchedDirectory dir = next.dir();
            if (dir.detached) {
                continue;
            }
            for (String name : list(dir, next.path(), report)) {
                if (dir.child(name) == null) {
                    NativePath path = next.path().child(name);
                    WatchedDirectory child = attachChild(dir, path, name, registering);
                    if (limitReached != null) {
                        return;
                    }
                    if (child != null) {
                        pending.push(new Located(child, path));
                    }
                }
            }
        }
    }

    /** A directory the walk has still to list, with its path. */
    private record Located(WatchedDirectory dir, NativePath path) {
    }

    /**
     * Lists a directory, reporting its entries as created if asked. An entry whose type the listing does not give
     * is returned as a possible subdirectory: watching it tells, since a watch of a subdirectory only takes
     * directories ({@code IN_ONLYDIR}).
     *
     * @param path its path, {@code owner.pathOf(dir)}
     * @return the names of its subdirectories, and of entries that may be
     */
    private List<String> list(WatchedDirectory dir, NativePath path, boolean report) {
        List<String> subdirectories = new ArrayList<>();
        Path relative = report ? dir.relative() : null;
        boolean tracked = dir.entries != null;
        Path dirPath = tracked ? owner.pathOf(dir) : null;
        try {
            engine.listDirectory(path, report || tracked, (name, kind) -> {
                if (tracked) {
                    // A tracked directory keeps the attributes of each entry, which say what it is as well.
                    EntryAttributes listed = attributes.listed(dir, name, dirPath.resolve(name));
                    if (listed == null) {
                        return; // gone meanwhile
                    }
                    kind = listed.directory() ? EntryKind.DIRECTORY : EntryKind.OTHER;
                }
                if (report) {
                    engine.marks().mark(dir, name);
                    owner.report(Change.CREATED, relative.resolve(name));
                }
                if (kind.mayBeDirectory()) {
                    subdirectories.add(name);
                }
            });
        } catch (NoSuchFileException | NotDirectoryException gone) {
            // Deleted or replaced since it was watched; its own events say so.
        } catch (InotifyException e) {
            if (e.errno() != InotifyApi.ENOENT && e.errno() != InotifyApi.ENOTDIR) {
                warnUnlisted(path, e);
            }
        } catch (IOException e) {
            warnUnlisted(path, e);
        }
        return subdirectories;
    }

    private static void warnUnlisted(NativePath path, IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot list " + path + ", so changes under it may go unreported: " + e);
    }

    /**
     * Watches a subdirectory. A directory that is gone, was replaced by a file or a link, or cannot be read is
     * skipped (the last one logged).
     *
     * @param path       the subdirectory's path: its parent's with {@code name} added
     * @param registering at the watch limit, leave the failure in {@link #limitReached} instead of logging it and
     *                    reporting an overflow
     * @return the new directory, or null if it is not watched
     */
    private WatchedDirectory attachChild(WatchedDirectory parent, NativePath path, String name,
                                         boolean registering) {
        WatchedDirectory child = newDirectory(parent, name);
        try {
            engine.kernelWatches().attachSubdirectory(child, path);
        } catch (InotifyException e) {
            switch (e.errno()) {
                case InotifyApi.ENOENT, InotifyApi.ENOTDIR -> {
                    return null; // gone, or no longer a directory (IN_ONLYDIR, IN_DONT_FOLLOW)
                }
                case InotifyApi.ENOSPC -> {
                    IOException limit = InotifyLimits.watchesExhausted(path.toString(), e);
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
        parent.addChild(child);
        return child;
    }
}
