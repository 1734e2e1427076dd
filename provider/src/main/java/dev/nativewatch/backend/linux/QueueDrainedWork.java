package dev.nativewatch.backend.linux;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an engine does once it has read its inotify queue empty, when every event queued before the last read has
 * been handled: the names listings reported as created are forgotten ({@link ScanMarks}), the registrations catch
 * up with whatever a stale path kept them from doing, and what listings found is reported ({@link ListedCreations}).
 * Confined to the poller thread.
 */
final class QueueDrainedWork {

    private final ScanMarks marks = new ScanMarks();
    private final ListedCreations listedCreations = new ListedCreations();
    /** Registrations with something to catch up on; see {@link #catchUpLater}. */
    private final Set<InotifyWatch> toCatchUp = new LinkedHashSet<>();

    ScanMarks marks() {
        return marks;
    }

    ListedCreations listedCreations() {
        return listedCreations;
    }

    /** A registration has something to catch up on once the queue has been read empty. */
    void catchUpLater(InotifyWatch registration) {
        toCatchUp.add(registration);
    }

    /** @return whether a registration still has something to catch up on that failed the last time */
    boolean catchingUp() {
        return !toCatchUp.isEmpty();
    }

    /** The queue has been read empty, and no directory was marked after the last read began. */
    void queueDrained() {
        marks.clear();
        retryCatchUps();
    }

    /** Tries again what registrations could not catch up on, and reports what listings found meanwhile. */
    void retryCatchUps() {
        if (!toCatchUp.isEmpty()) {
            List<InotifyWatch> waiting = new ArrayList<>(toCatchUp);
            toCatchUp.clear();
            for (InotifyWatch registration : waiting) {
                registration.catchUp();
                if (registration.hasPending()) {
                    toCatchUp.add(registration);
                }
            }
        }
        listedCreations.report();
    }

    void forget(InotifyWatch registration) {
        toCatchUp.remove(registration);
    }

    void clear() {
        toCatchUp.clear();
        marks.clear();
        listedCreations.clear();
    }
}
