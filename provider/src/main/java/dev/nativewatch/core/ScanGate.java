package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where a backend reports a key's changes. They pass straight to the key, except while a rescan of the key runs
 * on the recovery thread: the poller goes on reading the kernel's queue, and the changes it reads for this key are
 * held, then handed to the key in order once the rescan has reported, as if they had been read after it. The
 * rescan thus compares the tree with what the consumer was told before it began, as it did when it ran on the
 * poller thread; a held change the rescan already reported is dropped by the key as a repeat.
 *
 * <p>At most {@link #MAX_HELD} changes are held; beyond that they are dropped and the key is told of an overflow
 * once the held ones are in, which extends the recovery by another pass.
 */
final class ScanGate implements ChangeSink {

    /** About four kernel queues' worth at the default {@code max_queued_events}; a few megabytes at most. */
    static final int MAX_HELD = 1 << 16;

    private final NativeWatchKey key;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}: the changes held, or null while they pass. */
    private List<Consumer<ChangeSink>> held;
    private boolean dropped;

    ScanGate(NativeWatchKey key) {
        this.key = key;
    }

    /** From now on, hold the key's changes. */
    void startHolding() {
        synchronized (lock) {
            held = new ArrayList<>();
            dropped = false;
        }
    }

    /**
     * Runs {@code report}, then hands the key what was held, and lets changes pass again; changes that arrive
     * meanwhile wait for all of this, so that they come after it.
     */
    void releaseAfter(Runnable report) {
        synchronized (lock) {
            List<Consumer<ChangeSink>> changes = held;
            held = null;
            report.run();
            if (changes != null) {
                changes.forEach(change -> change.accept(key));
            }
            if (dropped) {
                key.overflowed();
            }
        }
    }

    /** @return whether changes are held now; waits for a hand-over under way */
    boolean holding() {
        synchronized (lock) {
            return held != null;
        }
    }

    /** Forgets what was held: the key no longer wants it. */
    void discard() {
        synchronized (lock) {
            held = null;
        }
    }

    @Override
    public void changed(Change change, Path relative) {
        synchronized (lock) {
            if (held == null) {
                key.changed(change, relative);
            } else {
                hold(sink -> sink.changed(change, relative));
            }
        }
    }

    @Override
    public void changed(Set<Change> changes, Path relative) {
        synchronized (lock) {
            if (held == null) {
                key.changed(changes, relative);
            } else {
                // The backend may reuse its set once this returns.
                Set<Change> copy = changes.isEmpty() ? Set.of() : EnumSet.copyOf(changes);
                hold(sink -> sink.changed(copy, relative));
            }
        }
    }

    @Override
    public void renamed(Path from, Path to) {
        synchronized (lock) {
            if (held == null) {
                key.renamed(from, to);
            } else {
                hold(sink -> sink.renamed(from, to));
            }
        }
    }

    @Override
    public void overflowed() {
        synchronized (lock) {
            if (held == null) {
                key.overflowed();
            } else {
                hold(ChangeSink::overflowed);
            }
        }
    }

    /** An invalid key wants nothing held: it passes at once, and the rescan, if any, gives up. */
    @Override
    public void invalidated(String reason) {
        key.invalidated(reason);
    }

    /** Guarded by {@link #lock}. */
    private void hold(Consumer<ChangeSink> change) {
        if (held.size() < MAX_HELD) {
            held.add(change);
        } else {
            dropped = true;
        }
    }
}
