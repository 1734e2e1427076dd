package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.WatchSpec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The recovery of a key registered with {@code RESCAN_ON_OVERFLOW}, as one state machine:
 *
 * <pre>
 *   NORMAL ──(list replaced by OVERFLOW)──▶ OVERFLOWED ──(consumer took the OVERFLOW)──▶ SCAN_DUE
 *   SCAN_DUE ──(the base is there, and the recovery thread took it up)──▶ SCANNING
 *   SCANNING ──(rescan reported the differences)──▶ DELIVERING, or NORMAL if there were none
 *   DELIVERING ──(consumer took them)──▶ NORMAL, or SCAN_DUE if anything was lost meanwhile
 * </pre>
 *
 * <p>While recovering, nothing already in the key's list is dropped: a change that does not fit under the cap,
 * or a kernel overflow, only marks the recovery as extended, and the next pass reports what it lost. Every pass
 * compares the tree with what the consumer has been told ({@link ToldView}), never with a scan whose reports may
 * have been dropped, so a pass repeats nothing the consumer already has.
 *
 * <p>Guarded by the key's lock; {@link #report} runs on the recovery thread ({@link Rescans}).
 */
final class Recovery {

    enum Phase { NORMAL, OVERFLOWED, SCAN_DUE, SCANNING, DELIVERING }

    private final ToldView told = new ToldView();
    private Phase phase = Phase.NORMAL;
    private boolean extended;
    /** Whether a pass is reporting: what it reports is not capped, and is not taken for a repeat. */
    private boolean reporting;
    /** Events the pass being reported added to the key's list, merged ones included. */
    private int listed;

    /**
     * What the last pass reported as created (with its file key) or deleted. The kernel may still hold events
     * from before that scan; one that says again what the pass said is dropped.
     */
    private final Map<Path, Object> reportedCreated = new HashMap<>();
    private final Set<Path> reportedGone = new HashSet<>();

    Phase phase() {
        return phase;
    }

    /** @return whether an overflow is being recovered: nothing pending may be dropped */
    boolean active() {
        return phase != Phase.NORMAL;
    }

    boolean needsBase() {
        return !told.hasBase();
    }

    void baseline(TreeSnapshot snapshot) {
        told.baseline(snapshot);
    }

    ToldView told() {
        return told;
    }

    /** The key's list was replaced by OVERFLOW. */
    void overflowed() {
        phase = Phase.OVERFLOWED;
        extended = false;
        told.dropQueued();
    }

    /** A change was lost while recovering: the cap was reached, or the kernel overflowed again. */
    void lost() {
        extended = true;
    }

    /**
     * The consumer took the key's list, at {@code nowMillis}.
     *
     * @return whether a rescan has become due, so the poller must be woken
     */
    boolean retrieved(boolean tookOverflow, long nowMillis) {
        told.retrieved(nowMillis);
        switch (phase) {
            case OVERFLOWED -> {
                if (tookOverflow) {
                    phase = Phase.SCAN_DUE;
                    return true;
                }
            }
            case DELIVERING -> {
                phase = extended ? Phase.SCAN_DUE : Phase.NORMAL;
                extended = false;
                return phase == Phase.SCAN_DUE;
            }
            default -> {
            }
        }
        return false;
    }

    boolean scanDue() {
        return phase == Phase.SCAN_DUE && told.hasBase();
    }

    /** @return whether a rescan was due; if so, it is now under way, and is not handed out again */
    boolean startScan() {
        if (!scanDue()) {
            return false;
        }
        phase = Phase.SCANNING;
        return true;
    }

    /**
     * Reports what {@code now}, scanned just now, holds that the consumer has not been told. Everything lost
     * before the scan began is covered by it.
     *
     * @param sink receives the reports; the key adds them to its list uncapped
     */
    void report(TreeSnapshot now, WatchSpec spec, ChangeSink sink) {
        extended = false;
        reportedCreated.clear();
        reportedGone.clear();
        reporting = true;
        listed = 0;
        try {
            told.reportAndRebase(now, spec, new Noting(sink, now));
        } finally {
            reporting = false;
        }
        // A pass that added nothing to the key's list has nothing to deliver.
        phase = listed == 0 ? Phase.NORMAL : Phase.DELIVERING;
    }

    boolean reporting() {
        return reporting;
    }

    /** The key listed (or merged) an event of the pass being reported. */
    void listed() {
        listed++;
    }

    /**
     * @return whether a change the kernel reports only repeats what the last pass reported: the kernel read it
     * before that scan, the poller after. A creation counts as repeated only while the entry is the very file the
     * scan saw; anything else said about a path ends what the pass said about it, and about the paths above it:
     * once the consumer has heard again of something under a directory the pass reported gone, the kernel's own
     * deletion of that directory is news again, and is what takes those entries from the consumer.
     */
    boolean repeats(Path directory, ToldView.Fact fact, Path relative) {
        if (reportedCreated.isEmpty() && reportedGone.isEmpty()) {
            return false;
        }
        if (fact == ToldView.Fact.CREATED && reportedCreated.containsKey(relative)) {
            Object fileKey = reportedCreated.remove(relative);
            if (fileKey != null && fileKey.equals(FileKeys.of(directory.resolve(relative)))) {
                return true;
            }
        } else if (fact == ToldView.Fact.GONE && reportedGone.remove(relative)) {
            return true;
        }
        reportedCreated.remove(relative);
        for (Path path = relative; path != null && !reportedGone.isEmpty(); path = path.getParent()) {
            reportedGone.remove(path);
        }
        return false;
    }

    /** Passes a pass's reports on, noting what it said for {@link #repeats}. */
    private final class Noting implements ChangeSink {
        private final ChangeSink sink;
        private final TreeSnapshot now;

        Noting(ChangeSink sink, TreeSnapshot now) {
            this.sink = sink;
            this.now = now;
        }

        @Override
        public void changed(Change change, Path relative) {
            if (change == Change.CREATED) {
                Object key = now.fileKeyOf(relative);
                if (key != null) {
                    reportedCreated.put(relative, key);
                }
            } else if (change == Change.DELETED) {
                reportedGone.add(relative);
            }
            sink.changed(change, relative);
        }

        @Override
        public void changed(Set<Change> changes, Path relative) {
            sink.changed(changes, relative);
        }

        @Override
        public void renamed(Path from, Path to) {
            sink.renamed(from, to);
        }

        @Override
        public void overflowed() {
            sink.overflowed();
        }

        @Override
        public void invalidated(String reason) {
            sink.invalidated(reason);
        }
    }
}
