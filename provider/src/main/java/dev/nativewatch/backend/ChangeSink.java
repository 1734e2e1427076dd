package dev.nativewatch.backend;

import java.nio.file.Path;
import java.util.Set;

/**
 * Where a backend reports what it saw for one watch. Called only on the service's poller thread.
 *
 * <p>Paths are relative to the watched directory and belong to the watched directory's file system; a path
 * with more than one name only occurs in subtree watches.
 */
public interface ChangeSink {

    /** An entry changed in the given class. */
    void changed(Change change, Path relative);

    /**
     * An entry changed in several classes at once, as one kernel event or one scan saw it (a write changes size
     * and last-write time). A key registered for {@code ENTRY_MODIFY} counts it as one modification, as the JDK
     * would.
     */
    default void changed(Set<Change> changes, Path relative) {
        for (Change change : changes) {
            changed(change, relative);
        }
    }

    /** An entry was renamed inside the watched scope; both halves are known. */
    void renamed(Path from, Path to);

    /** Changes were lost: a kernel queue or buffer overflowed. */
    void overflowed();

    /**
     * The watch can no longer deliver events (its directory was deleted, unmounted or became unreadable).
     * The backend has released or will release the watch's resources; no further calls follow.
     */
    void invalidated(String reason);
}
