package dev.nativewatch.core;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;

import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.Watchable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A registration's key, with the JDK's state machine and event rules: repeated events merge into one with a
 * count, and a full event list is replaced by a single OVERFLOW. It is also the sink its backend watch reports
 * to, through its {@link ScanGate}: those calls arrive on the poller thread, or on the recovery thread while it
 * reports a rescan and hands over what the gate held, never on both at once; the {@link WatchKey} methods on any
 * thread.
 */
final class NativeWatchKey implements WatchKey, ChangeSink {

    private enum State { READY, SIGNALLED }

    private static final System.Logger LOG = System.getLogger(NativeWatchKey.class.getName());

    private final NativeWatchService service;
    private final Watchable watchable;
    private final Path directory;
    private volatile Registration registration;
    private volatile boolean valid = true;

    // Guarded by this.
    private State state = State.READY;
    private final EventList events;
    private boolean queued;
    /** Set under the monitor when the key is to be queued; the queuing itself happens after leaving it. */
    private final AtomicBoolean offerPending = new AtomicBoolean();
    private Recovery recovery;
    private final ScanGate gate = new ScanGate(this);

    // Confined to the poller thread.
    private DirectoryWatch watch;
    private Object identity;

    NativeWatchKey(NativeWatchService service, Watchable watchable, Path directory, Registration registration,
                   int maxEvents) {
        this.service = service;
        this.watchable = watchable;
        this.directory = directory;
        this.registration = registration;
        this.events = new EventList(maxEvents);
        this.recovery = registration.options().rescanOnOverflow() ? new Recovery() : null;
    }

    // ---- WatchKey, any thread

    @Override
    public boolean isValid() {
        return valid;
    }

    @Override
    public List<WatchEvent<?>> pollEvents() {
        synchronized (this) {
            List<WatchEvent<?>> result = events.take();
            if (recovery != null) {
                boolean tookOverflow = !result.isEmpty() && result.get(0).kind() == StandardWatchEventKinds.OVERFLOW;
                if (recovery.retrieved(tookOverflow, System.currentTimeMillis())) {
                    service.wakePoller();
                }
            }
            return result;
        }
    }

    /**
     * Unlike the JDK, a second reset while the key already waits in the queue does not queue it twice: a
     * consumer would otherwise take the same key twice for one set of events.
     */
    @Override
    public boolean reset() {
        boolean stillValid;
        synchronized (this) {
            if (state == State.SIGNALLED && valid) {
                if (events.isEmpty()) {
                    state = State.READY;
                } else {
                    enqueue();
                }
            }
            stillValid = valid;
        }
        offerIfSignalled();
        return stillValid;
    }

    @Override
    public void cancel() {
        if (invalidate()) {
            service.cancelled(this);
        }
    }

    @Override
    public Watchable watchable() {
        return watchable;
    }

    @Override
    public String toString() {
        return "WatchKey[" + watchable + (valid ? "" : ", invalid") + "]";
    }

    // ---- ChangeSink, through the ScanGate: the poller thread, or the recovery thread while it hands over

    @Override
    public void changed(Change change, Path relative) {
        if (!valid) {
            return;
        }
        added(change, relative);
        offerIfSignalled();
    }

    /** Adds the events of one change; the caller queues the key once it holds no monitor. */
    private void added(Change change, Path relative) {
        Registration current = registration;
        ToldView.Fact fact = ToldView.Fact.of(change);
        if (recovery != null && repeatsRecovery(fact, relative)) {
            return;
        }
        Path context = service.context(relative);
        switch (change) {
            case CREATED -> signalIfRegistered(current, StandardWatchEventKinds.ENTRY_CREATE, context, fact, relative);
            case DELETED -> signalIfRegistered(current, StandardWatchEventKinds.ENTRY_DELETE, context, fact, relative);
            default -> {
                WatchEvent.Kind<Path> extended = EventKinds.extendedKindOf(change);
                if (extended != null) {
                    signalIfRegistered(current, extended, context, fact, relative);
                }
                if (change != Change.LAST_ACCESS) {
                    signalIfRegistered(current, StandardWatchEventKinds.ENTRY_MODIFY, context, fact, relative);
                }
            }
        }
    }

    /** @return whether a backend's change only repeats what the last rescan already reported */
    private boolean repeatsRecovery(ToldView.Fact fact, Path relative) {
        synchronized (this) {
            return recovery != null && !recovery.reporting() && recovery.repeats(directory, fact, relative);
        }
    }

    @Override
    public void changed(Set<Change> changes, Path relative) {
        if (!valid) {
            return;
        }
        Registration current = registration;
        Path context = service.context(relative);
        boolean modified = false;
        synchronized (this) {
            for (Change change : changes) {
                if (!change.isModification()) {
                    added(change, relative);
                    continue;
                }
                WatchEvent.Kind<Path> extended = EventKinds.extendedKindOf(change);
                if (extended != null) {
                    signalIfRegistered(current, extended, context, ToldView.Fact.MODIFIED, relative);
                }
                modified |= change != Change.LAST_ACCESS;
            }
            if (modified) {
                signalIfRegistered(current, StandardWatchEventKinds.ENTRY_MODIFY, context, ToldView.Fact.MODIFIED,
                        relative);
            }
        }
        offerIfSignalled();
    }

    /**
     * A rename pair is added under one lock so that FROM is immediately followed by TO; a side whose rename kind
     * is not registered falls back to DELETE or CREATE.
     */
    @Override
    public void renamed(Path from, Path to) {
        if (!valid) {
            return;
        }
        Registration current = registration;
        WatchEvent.Kind<Path> fromKind = current.has(ExtendedKinds.ENTRY_RENAME_FROM)
                ? ExtendedKinds.ENTRY_RENAME_FROM : StandardWatchEventKinds.ENTRY_DELETE;
        WatchEvent.Kind<Path> toKind = current.has(ExtendedKinds.ENTRY_RENAME_TO)
                ? ExtendedKinds.ENTRY_RENAME_TO : StandardWatchEventKinds.ENTRY_CREATE;
        Path fromContext = service.context(from);
        Path toContext = service.context(to);
        synchronized (this) {
            if (recovery != null) {
                repeatsRecovery(ToldView.Fact.GONE, from);
                repeatsRecovery(ToldView.Fact.CREATED, to);
            }
            signalIfRegistered(current, fromKind, fromContext, ToldView.Fact.GONE, from);
            signalIfRegistered(current, toKind, toContext, ToldView.Fact.CREATED, to);
        }
        offerIfSignalled();
    }

    @Override
    public void overflowed() {
        if (!valid) {
            return;
        }
        synchronized (this) {
            if (recovery != null && recovery.active() && recovery.phase() != Recovery.Phase.OVERFLOWED) {
                // The consumer has its OVERFLOW and a rescan is under way; it will cover this loss too.
                recovery.lost();
                return;
            }
        }
        signalEvent(StandardWatchEventKinds.OVERFLOW, null, true, null, null);
        offerIfSignalled();
    }

    @Override
    public void invalidated(String reason) {
        if (invalidate()) {
            service.invalidatedByBackend(this, reason);
            synchronized (this) {
                signal();
            }
            offerIfSignalled();
        }
    }

    // ---- the poller's bookkeeping

    Path directory() {
        return directory;
    }

    Registration registration() {
        return registration;
    }

    void respecify(Registration replacement) {
        registration = replacement;
        synchronized (this) {
            if (replacement.options().rescanOnOverflow() && recovery == null) {
                recovery = new Recovery();
            } else if (!replacement.options().rescanOnOverflow()) {
                recovery = null;
            }
        }
    }

    DirectoryWatch watch() {
        return watch;
    }

    /** @return where the backend reports this key's changes */
    ScanGate gate() {
        return gate;
    }

    void attach(DirectoryWatch watch, Object identity) {
        this.watch = watch;
        this.identity = identity;
    }

    Object identity() {
        return identity;
    }

    synchronized Recovery recovery() {
        return recovery;
    }

    /**
     * Adds what a rescan found the consumer has not been told. These events are not capped: dropping them
     * would defeat the rescan, and their number is bounded by the size of the tree.
     */
    void recover(Recovery pass, TreeSnapshot now, WatchSpec spec) {
        synchronized (this) {
            if (pass == recovery) {
                pass.report(now, spec, this);
            }
        }
        offerIfSignalled();
    }

    /** @return whether this call made the key invalid */
    boolean invalidate() {
        synchronized (this) {
            if (!valid) {
                return false;
            }
            valid = false;
            return true;
        }
    }

    // ---- events

    /**
     * @param fact     what the event tells the consumer about {@code relative}, for the view a rescan compares
     *                 with; null for OVERFLOW
     */
    private void signalIfRegistered(Registration current, WatchEvent.Kind<?> kind, Path context,
                                    ToldView.Fact fact, Path relative) {
        if (current.has(kind)) {
            signalEvent(kind, context, recovery == null || !recovery.reporting(), fact, relative);
        }
    }

    /** Adds an event ({@code capped}: false only for recovered ones); the caller queues the key once it has left
     * the key's monitor ({@link #offerIfSignalled}), or the consumer would wake only to wait for that monitor. */
    private void signalEvent(WatchEvent.Kind<?> kind, Object context, boolean capped, ToldView.Fact fact,
                             Path relative) {
        synchronized (this) {
            addEvent(kind, context, capped, fact, relative);
        }
    }

    /** Lists an event; guarded by this. */
    private void addEvent(WatchEvent.Kind<?> kind, Object context, boolean capped, ToldView.Fact fact,
                          Path relative) {
        if (!capped) {
            recovery.listed();
        }
        switch (events.add(kind, context, capped, recovery != null && recovery.active())) {
            // Over the cap while recovering: the listed events stay, and the recovery's next pass reports this one.
            case REFUSED -> {
                recovery.lost();
                return;
            }
            case OVERFLOWED -> overflowedList();
            case LISTED, MERGED -> told(fact, relative);
            // Merged into the OVERFLOW: the consumer never hears of it, and a rescan (if any) reports it.
            case LOST_IN_OVERFLOW -> {
            }
        }
        signal();
    }

    /** Guarded by this. */
    private void overflowedList() {
        if (recovery != null) {
            recovery.overflowed();
        }
        LOG.log(System.Logger.Level.WARNING, () -> "events lost on " + watchable + (recovery != null
                ? "; OVERFLOW, then a rescan reports what changed" : "; OVERFLOW, and no rescan was asked for"));
    }

    /** Guarded by this. */
    private void told(ToldView.Fact fact, Path relative) {
        if (recovery != null && fact != null) {
            recovery.told().queued(fact, relative);
        }
    }

    /** Guarded by this. */
    private void signal() {
        if (state == State.READY) {
            state = State.SIGNALLED;
            enqueue();
        }
    }

    /** Guarded by this. */
    private void enqueue() {
        if (!queued) {
            queued = true;
            offerPending.set(true);
        }
    }

    /**
     * Puts the key in the service's queue if a signal asked for it. Called after leaving this key's monitor where
     * the caller can: a consumer that wakes to take the key needs the monitor at once ({@link #dequeued()}), and
     * would block until the signalling thread had left it.
     */
    private void offerIfSignalled() {
        if (offerPending.compareAndSet(true, false)) {
            service.enqueue(this);
        }
    }

    /** Called by the service when a consumer has taken this key from the queue. */
    synchronized void dequeued() {
        queued = false;
    }
}
