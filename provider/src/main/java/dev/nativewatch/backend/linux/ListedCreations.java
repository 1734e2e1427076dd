package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;

import java.util.ArrayList;
import java.util.List;

/**
 * What listings of directories that entered a tree found in them, to be reported as created once the queue has been
 * read empty. A listing sees the directory as it is now, but the registration's model may not have taken in the
 * renames queued meanwhile: {@code mkdir -p p/m/a; mv p q; touch q/m/a/f} lists {@code f} while the model still
 * calls the directory {@code p}. Reported only once every queued rename has moved the directory where it is, the
 * entries get paths that lead to them, after the rename's own events; an entry whose directory left the tree or
 * was deleted meanwhile is not reported. Confined to the poller thread.
 */
final class ListedCreations {

    private record Listed(WatchedDirectory dir, String name) {
    }

    private List<Listed> listed = new ArrayList<>();

    /** A listing of {@code dir}, which entered the tree, found the entry {@code name}. */
    void add(WatchedDirectory dir, String name) {
        listed.add(new Listed(dir, name));
    }

    boolean isEmpty() {
        return listed.isEmpty();
    }

    /** Reports every entry whose directory is still watched, in the order the listings found them. */
    void report() {
        if (listed.isEmpty()) {
            return;
        }
        List<Listed> now = listed;
        listed = new ArrayList<>();
        for (Listed entry : now) {
            InotifyWatch owner = entry.dir().owner;
            if (!entry.dir().detached && !owner.isReleased() && !owner.isOutOfStep()) {
                owner.report(Change.CREATED, entry.dir().relativeOf(entry.name()));
            }
        }
    }

    void clear() {
        listed.clear();
    }
}
