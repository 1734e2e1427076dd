package dev.nativewatch.backend.linux;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The entries that listings of new directories reported as created, by directory. Such an entry's own
 * {@code IN_CREATE} may still be queued, and must not be reported a second time; once the queue has been read
 * empty, no such event can be left and the marks are {@linkplain #clear() cleared}. At any moment few directories
 * have marks, and only for a short while, so they are kept here for the whole engine rather than in a field of
 * every watched directory. Confined to the poller thread.
 */
final class ScanMarks {

    private final Map<WatchedDirectory, Set<String>> byDirectory = new HashMap<>();
    /** Whether a mark was added since the last read of the queue began; see {@link #addedSinceReadBegan()}. */
    private boolean addedSinceReadBegan;

    /** A listing of {@code dir} reported {@code entry} as created. */
    void mark(WatchedDirectory dir, String entry) {
        byDirectory.computeIfAbsent(dir, d -> new HashSet<>()).add(entry);
        addedSinceReadBegan = true;
    }

    /** The engine is about to read the queue. */
    void readBegins() {
        addedSinceReadBegan = false;
    }

    /**
     * @return whether a listing added marks since the last read began: its duplicate events may have been queued
     * after that read, so that read emptying the queue does not make these marks useless
     */
    boolean addedSinceReadBegan() {
        return addedSinceReadBegan;
    }

    /** @return whether a listing had reported this entry as created; the mark is consumed */
    boolean unmark(WatchedDirectory dir, String entry) {
        if (byDirectory.isEmpty()) {
            return false;
        }
        Set<String> entries = byDirectory.get(dir);
        if (entries == null || !entries.remove(entry)) {
            return false;
        }
        if (entries.isEmpty()) {
            byDirectory.remove(dir);
        }
        return true;
    }

    /** Drops the marks of one registration's directories, as when it rebuilds its tree after lost events. */
    void forget(InotifyWatch owner) {
        for (Iterator<WatchedDirectory> dirs = byDirectory.keySet().iterator(); dirs.hasNext(); ) {
            if (dirs.next().owner == owner) {
                dirs.remove();
            }
        }
    }

    /** Drops every mark: the queue has been read empty. */
    void clear() {
        byDirectory.clear();
    }
}
