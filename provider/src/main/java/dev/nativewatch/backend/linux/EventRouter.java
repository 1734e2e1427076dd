package dev.nativewatch.backend.linux;

import static dev.nativewatch.backend.linux.InotifyApi.IN_CREATE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE_SELF;
import static dev.nativewatch.backend.linux.InotifyApi.IN_IGNORED;
import static dev.nativewatch.backend.linux.InotifyApi.IN_ISDIR;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_FROM;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_TO;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVE_SELF;
import static dev.nativewatch.backend.linux.InotifyApi.IN_UNMOUNT;

/**
 * Hands each decoded event to the registrations whose directories it concerns, as the operation it stands for. One
 * kernel watch may serve several registrations ({@link KernelWatchTable}): each gets the event, and filters by its
 * own spec.
 *
 * <p>Renames: {@code IN_MOVED_FROM} is held back until the next event. If that is the {@code IN_MOVED_TO} with the
 * same cookie the two are one rename, told to each registration by what it sees of it: both directories (a rename
 * within it), only the old one (the entry left) or only the new one (the entry arrived). A FROM followed by anything
 * else means the entry left every watched directory. The engine decides when a FROM at the end of a read has waited
 * long enough ({@link #flushPendingFrom}). Confined to the poller thread.
 */
final class EventRouter {

    private final KernelWatchTable watches;
    private InotifyEvent pendingFrom;

    EventRouter(KernelWatchTable watches) {
        this.watches = watches;
    }

    /** @return whether an {@code IN_MOVED_FROM} is held back, waiting for its {@code IN_MOVED_TO} */
    boolean holdsFrom() {
        return pendingFrom != null;
    }

    void route(InotifyEvent event) {
        if (pendingFrom != null) {
            if (event.has(IN_MOVED_TO) && event.cookie() == pendingFrom.cookie()) {
                InotifyEvent from = pendingFrom;
                pendingFrom = null;
                renamed(from, event);
                return;
            }
            flushPendingFrom();
        }
        KernelWatch kernel = watches.get(event.wd());
        if (kernel == null) {
            return; // A watch already removed: its last events and its IN_IGNORED still arrive.
        }
        if (event.name() == null) {
            selfEvent(event, kernel);
        } else if (event.has(IN_MOVED_FROM)) {
            pendingFrom = event;
        } else {
            entryEvent(event, kernel);
        }
    }

    /** An {@code IN_MOVED_FROM} with no {@code IN_MOVED_TO} after it: the entry left every watched directory. */
    void flushPendingFrom() {
        InotifyEvent from = pendingFrom;
        if (from == null) {
            return;
        }
        pendingFrom = null;
        KernelWatch kernel = watches.get(from.wd());
        if (kernel != null) {
            kernel.forEachDirectory(dir -> dir.owner.entryDeleted(dir, from.name()));
        }
    }

    void clear() {
        pendingFrom = null;
    }

    /** An event on a watched directory itself. */
    private void selfEvent(InotifyEvent event, KernelWatch kernel) {
        if (event.has(IN_IGNORED)) {
            // The kernel removed the watch: its directory was deleted or its file system unmounted.
            watches.removedByKernel(kernel);
            kernel.forEachDirectory(dir -> {
                if (dir.isRoot() && !dir.detached) {
                    dir.owner.invalidate("the watched directory was deleted or its file system unmounted");
                } else {
                    dir.owner.directoryGone(dir);
                }
            });
        } else if (event.has(IN_UNMOUNT)) {
            kernel.forEachDirectory(dir -> {
                if (dir.detached) {
                    return;
                }
                if (dir.isRoot()) {
                    dir.owner.invalidate("the file system of the watched directory was unmounted");
                } else {
                    dir.owner.subdirectoryUnmounted(dir);
                }
            });
        } else if (event.has(IN_DELETE_SELF)) {
            // Directories under a root wait for their parent's events.
            kernel.forEachDirectory(dir -> {
                if (dir.isRoot() && !dir.detached) {
                    dir.owner.invalidate("the watched directory was deleted");
                }
            });
        } else if (event.has(IN_MOVE_SELF)) {
            kernel.forEachDirectory(dir -> {
                if (dir.isRoot() && !dir.detached) {
                    dir.owner.rootMoved();
                }
            });
        }
        // Anything else on the directory itself: the JDK reports none, and a subtree reports it through the
        // parent directory's watch.
    }

    /**
     * An event that names an entry of a watched directory. A kernel watch nearly always serves one directory,
     * which is then told directly: the lambda for several would be an object per event.
     */
    private void entryEvent(InotifyEvent event, KernelWatch kernel) {
        WatchedDirectory only = kernel.only();
        if (only != null) {
            entryEvent(event, only);
        } else {
            kernel.forEachDirectory(dir -> entryEvent(event, dir));
        }
    }

    private static void entryEvent(InotifyEvent event, WatchedDirectory dir) {
        int mask = event.mask();
        if ((mask & (IN_CREATE | IN_MOVED_TO)) != 0) {
            dir.owner.entryCreated(dir, event.name(), (mask & IN_ISDIR) != 0);
        } else if ((mask & IN_DELETE) != 0) {
            dir.owner.entryDeleted(dir, event.name());
        } else {
            dir.owner.entryModified(dir, event.name(), mask);
        }
    }

    private void renamed(InotifyEvent from, InotifyEvent to) {
        KernelWatch fromKernel = watches.get(from.wd());
        KernelWatch toKernel = watches.get(to.wd());
        if (fromKernel != null) {
            fromKernel.forEachDirectory(fromDir -> {
                WatchedDirectory toDir = toKernel == null ? null : toKernel.directoryOf(fromDir.owner);
                if (toDir != null) {
                    fromDir.owner.entryRenamed(fromDir, from.name(), toDir, to.name(), to.isDirectory());
                } else {
                    fromDir.owner.entryDeleted(fromDir, from.name());
                }
            });
        }
        if (toKernel != null) {
            toKernel.forEachDirectory(toDir -> {
                if (fromKernel == null || fromKernel.directoryOf(toDir.owner) == null) {
                    toDir.owner.entryCreated(toDir, to.name(), to.isDirectory());
                }
            });
        }
    }
}
