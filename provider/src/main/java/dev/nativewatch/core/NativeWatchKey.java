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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A registration's key, with the JDK's state machine and event rules: repeated events merge into one with a
 * count, and a full event list is replaced by a single OVERFLOW. It is also the sink its backend watch reports
 * to; those calls arrive on the poller thread, the {@link WatchKey} methods on any thread.
 */
final class NativeWatchKey implements WatchKey, ChangeSink {

    private enum State { READY, SIGNALLED }

    private static final System.Logger LOG = System.getLogger(NativeWatchKey.class.getName());

    private final NativeWatchService service;
    private final Watchable watchable;
    private final Path directory;
    private final int maxEvents;
    private volatile Registration registration;
    private volatile boolean valid = true;

    // Guarded by this.
    private State state = State.READY;
    private List<WatchEvent<?>> events = new ArrayList<>();
    private final Map<Object, NativeWatchEvent<?>> lastModifyEvents = new HashMap<>();
    private boolean queued;
    /** Set when the key is to be queued; the queuing itself happens after leaving the monitor. */
    private boolean offerPending;
    /** Whether the events being added come from a rescan: those are never capped. */
    private boolean recovering;
    /** How many of the listed events came from a rescan; the cap counts only the others. */
    private int recoveredInList;
    /** Recovered events added by the current rescan, merged ones included. */
    private int recoveredAdded;
    private Recovery recovery;

    // Confined to the poller thread.
    private DirectoryWatch watch;
    private Object identity;

    NativeWatchKey(NativeWatchService service, Watchable watchable, Path directory, Registration registration,
                   int maxEvents) {
        this.service = service;
        this.watchable = watchable;
        this.directory = directory;
        this.registration = registration;
        this.maxEvents = maxEvents;
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
            List<WatchEvent<?>> result = events;
            events = new ArrayList<>();
            lastModifyEvents.clear();
            recoveredInList = 0;
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

    // ---- ChangeSink, poller thread

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
        ToldView.Fact fact = factOf(change);
        if (recovery != null && repeatsRecovery(fact, relative)) {
            return;
        }
        Path context = service.context(relative);
        // Comparisons rather than a switch, which on an enum is a lookup through a generated class and a call:
        // this runs for every event, interpreted on a watcher that sees few.
        if (change == Change.CREATED) {
            signalIfRegistered(current, StandardWatchEventKinds.ENTRY_CREATE, context, fact, relative);
        } else if (change == Change.DELETED) {
            signalIfRegistered(current, StandardWatchEventKinds.ENTRY_DELETE, context, fact, relative);
        } else {
            WatchEvent.Kind<Path> extended = EventKinds.extendedKindOf(change);
            if (extended != null) {
                signalIfRegistered(current, extended, context, fact, relative);
            }
            if (change != Change.LAST_ACCESS) {
                signalIfRegistered(current, StandardWatchEventKinds.ENTRY_MODIFY, context, fact, relative);
            }
        }
    }

    private static ToldView.Fact factOf(Change change) {
        return change == Change.CREATED ? ToldView.Fact.CREATED
                : change == Change.DELETED ? ToldView.Fact.GONE : ToldView.Fact.MODIFIED;
    }

    /** @return whether a backend's change only repeats what the last rescan already reported */
    private boolean repeatsRecovery(ToldView.Fact fact, Path relative) {
        synchronized (this) {
            return !recovering && recovery != null && recovery.repeats(directory, fact, relative);
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
                WatchEvent.Kind<Path> extended = current.hasDistinctModifications()
                        ? EventKinds.extendedKindOf(change) : null;
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
            if (pass != recovery) {
                return;
            }
            recovering = true;
            recoveredAdded = 0;
            try {
                pass.report(now, spec, this);
            } finally {
                recovering = false;
            }
            if (recoveredAdded == 0) {
                pass.nothingToDeliver();
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
     * Adds an event if its kind is registered. The key is not queued here but by the caller once it has left the
     * monitor ({@link #offerIfSignalled}), so that the consumer does not wake only to wait for the monitor.
     *
     * @param fact     what the event tells the consumer about {@code relative}, for the view a rescan compares
     *                 with; null for OVERFLOW
     */
    private void signalIfRegistered(Registration current, WatchEvent.Kind<?> kind, Path context,
                                    ToldView.Fact fact, Path relative) {
        if (current.has(kind)) {
            synchronized (this) {
                addEvent(kind, context, !recovering, fact, relative);
            }
        }
    }

    /** Adds an event and queues the key if that signalled it; {@code capped} is false only for recovered events. */
    private void signalEvent(WatchEvent.Kind<?> kind, Object context, boolean capped, ToldView.Fact fact,
                             Path relative) {
        synchronized (this) {
            addEvent(kind, context, capped, fact, relative);
        }
        offerIfSignalled();
    }

    /** The JDK's merge rules, and the cap, which while recovering never drops what is already listed. Guarded by this. */
    private void addEvent(WatchEvent.Kind<?> kind, Object context, boolean capped, ToldView.Fact fact,
                          Path relative) {
        int size = events.size();
        if (!capped) {
            recoveredAdded++;
        }
        if (size > 0) {
            WatchEvent<?> previous = events.get(size - 1);
            if (previous.kind() == StandardWatchEventKinds.OVERFLOW) {
                // Merged into the OVERFLOW: the consumer never hears of it, and a rescan (if any) reports it.
                ((NativeWatchEvent<?>) previous).increment();
                signal();
                return;
            }
            if (previous.kind() == kind && Objects.equals(previous.context(), context)) {
                ((NativeWatchEvent<?>) previous).increment();
                told(fact, relative);
                signal();
                return;
            }
            if (!lastModifyEvents.isEmpty()) {
                if (kind == StandardWatchEventKinds.ENTRY_MODIFY) {
                    NativeWatchEvent<?> earlier = lastModifyEvents.get(context);
                    if (earlier != null) {
                        earlier.increment();
                        told(fact, relative);
                        signal();
                        return;
                    }
                } else {
                    lastModifyEvents.remove(context);
                }
            }
            if (capped && size - recoveredInList >= maxEvents) {
                if (recovery != null && recovery.active()) {
                    // Recovering: the listed events stay, and the recovery's next pass reports this one.
                    recovery.lost();
                    return;
                }
                kind = StandardWatchEventKinds.OVERFLOW;
                context = null;
            }
        }
        NativeWatchEvent<?> event = newEvent(kind, context);
        if (kind == StandardWatchEventKinds.ENTRY_MODIFY) {
            lastModifyEvents.put(context, event);
        } else if (kind == StandardWatchEventKinds.OVERFLOW) {
            events.clear();
            lastModifyEvents.clear();
            recoveredInList = 0;
            if (recovery != null) {
                recovery.overflowed();
            }
            LOG.log(System.Logger.Level.WARNING, () -> "events lost on " + watchable + (recovery != null
                    ? "; OVERFLOW, then a rescan reports what changed" : "; OVERFLOW, and no rescan was asked for"));
        } else if (recovery != null) {
            told(fact, relative);
        }
        if (!capped) {
            recoveredInList++;
        }
        events.add(event);
        signal();
    }

    /** Guarded by this. */
    private void told(ToldView.Fact fact, Path relative) {
        if (recovery != null && fact != null) {
            recovery.told().queued(fact, relative);
        }
    }

    @SuppressWarnings("unchecked")
    private static NativeWatchEvent<?> newEvent(WatchEvent.Kind<?> kind, Object context) {
        return new NativeWatchEvent<>((WatchEvent.Kind<Object>) kind, context);
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
            offerPending = true;
        }
    }

    /**
     * Puts the key in the service's queue if a signal asked for it. Called after leaving this key's monitor where
     * the caller can: a consumer that wakes to take the key needs the monitor at once ({@link #dequeued()}), and
     * would block until the signalling thread had left it.
     */
    private void offerIfSignalled() {
        // Taken under the monitor rather than with an atomic: interpreted, as on a watcher that sees few events,
        // an uncontended monitor costs less than the calls behind compareAndSet.
        boolean offer;
        synchronized (this) {
            offer = offerPending;
            offerPending = false;
        }
        if (offer) {
            service.enqueue(this);
        }
    }

    /** Called by the service when a consumer has taken this key from the queue. */
    synchronized void dequeued() {
        queued = false;
    }
}
