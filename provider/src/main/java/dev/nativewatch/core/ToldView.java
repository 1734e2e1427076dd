package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.WatchSpec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the consumer of a key has been told about its tree: the last scan, plus the events queued or retrieved
 * since. A rescan compares the tree with this view rather than with the last scan, so that it reports only what
 * the consumer has not heard of.
 *
 * <p>Events that are still in the key's list are held apart from those retrieved: an OVERFLOW that replaces the
 * list drops them, and the consumer never hears of them. Guarded by the key's lock.
 */
final class ToldView {

    /** What an event said about its path. */
    enum Fact {
        CREATED, MODIFIED, GONE;

        static Fact of(Change change) {
            return switch (change) {
                case CREATED -> CREATED;
                case DELETED -> GONE;
                default -> MODIFIED;
            };
        }
    }

    /** A fact, and when the consumer took it ({@link Long#MAX_VALUE} while it is still queued). */
    record Told(Fact fact, long atMillis) {
        /** A later fact on the same path: a modification does not make a new entry an old one. */
        Told then(Told later) {
            return fact == Fact.CREATED && later.fact == Fact.MODIFIED ? new Told(Fact.CREATED, later.atMillis) : later;
        }
    }

    private static final Told QUEUED_CREATED = new Told(Fact.CREATED, Long.MAX_VALUE);
    private static final Told QUEUED_MODIFIED = new Told(Fact.MODIFIED, Long.MAX_VALUE);
    private static final Told QUEUED_GONE = new Told(Fact.GONE, Long.MAX_VALUE);

    private TreeSnapshot base;
    private final Map<Path, Told> retrieved = new HashMap<>();
    private final Map<Path, Told> queued = new HashMap<>();

    boolean hasBase() {
        return base != null;
    }

    /**
     * The scan of a new registration, taken while its watches were added: the events reported since the key was
     * made stay on top of it, since the scan may have seen the tree before or after each of them.
     */
    void baseline(TreeSnapshot snapshot) {
        base = snapshot;
    }

    /** An event about {@code relative} went into the key's list. */
    void queued(Fact fact, Path relative) {
        Told told = switch (fact) {
            case CREATED -> QUEUED_CREATED;
            case MODIFIED -> QUEUED_MODIFIED;
            case GONE -> QUEUED_GONE;
        };
        queued.merge(relative, told, Told::then);
    }

    /** The key's list was replaced by OVERFLOW: what it held never reaches the consumer. */
    void dropQueued() {
        queued.clear();
    }

    /** The consumer took the key's list. */
    void retrieved(long nowMillis) {
        if (queued.isEmpty()) {
            return;
        }
        queued.forEach((path, told) -> {
            Told taken = new Told(told.fact(), nowMillis);
            Told merged = retrieved.containsKey(path) ? retrieved.get(path).then(taken) : taken;
            // A path the scan never saw that is gone again needs no memory; this keeps the view as small as the tree.
            if (merged.fact() == Fact.GONE && base != null && !base.contains(path)) {
                retrieved.remove(path);
            } else {
                retrieved.put(path, merged);
            }
        });
        queued.clear();
    }

    /**
     * Reports how {@code now} differs from what the consumer has been told, then takes {@code now} as the new
     * base: once these reports are in the key's list (from which nothing is dropped while recovering), the
     * consumer will have been told exactly {@code now}.
     */
    void reportAndRebase(TreeSnapshot now, WatchSpec spec, ChangeSink sink) {
        Map<Path, Told> facts = new HashMap<>(retrieved);
        queued.forEach((path, told) -> facts.merge(path, told, Told::then));
        TreeSnapshot complete = now.keepingUnlistedFrom(base);
        base.overlaid(facts).reportChanges(complete, spec, sink);
        base = complete;
        retrieved.clear();
        queued.clear();
    }
}
