package dev.nativewatch.core;

import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.List;

/**
 * The rescan bookkeeping of a key registered with {@code RESCAN_ON_OVERFLOW}.
 *
 * <p>The rescan waits until the consumer has retrieved the OVERFLOW, so that OVERFLOW is never delivered
 * together with other events and the recovered events are not swallowed by the same full list. Its result
 * becomes the base of the next rescan only once the consumer has retrieved it: if another overflow drops it
 * first, the next rescan reports those changes again instead of losing them.
 *
 * <p>State changes happen under the key's lock; the snapshots themselves are read and written on the poller
 * thread only.
 */
final class OverflowRecovery {

    private boolean rescanWanted;
    private boolean overflowPending;
    private TreeSnapshot base;
    private TreeSnapshot candidate;

    /** Called when an OVERFLOW replaced the key's pending events. */
    void overflowed() {
        rescanWanted = true;
        overflowPending = true;
        candidate = null;
    }

    /** Called with what the consumer just retrieved. @return whether a rescan became due */
    boolean retrieved(List<WatchEvent<?>> delivered) {
        if (candidate != null) {
            base = candidate;
            candidate = null;
        }
        if (overflowPending && delivered.stream().anyMatch(e -> e.kind() == StandardWatchEventKinds.OVERFLOW)) {
            overflowPending = false;
            return rescanWanted;
        }
        return false;
    }

    boolean due() {
        return rescanWanted && !overflowPending && base != null;
    }

    boolean needsBase() {
        return base == null;
    }

    TreeSnapshot base() {
        return base;
    }

    void baseline(TreeSnapshot snapshot) {
        base = snapshot;
    }

    /** Called after the rescan's events were added to the key. */
    void rescanned(TreeSnapshot snapshot) {
        rescanWanted = false;
        candidate = snapshot;
    }
}
