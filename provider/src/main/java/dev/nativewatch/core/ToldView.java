package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.WatchSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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

    /**
     * A fact, when the consumer took it ({@link Long#MAX_VALUE} while it is still queued), the order of the newest
     * event on its path, and that of the newest deletion of the path (0 if none). The view is what a consumer
     * believes that applies each event as it comes: a creation adds its path alone, a modification adds nothing,
     * and a deletion takes the path and everything under it, so that what it was told of under the path before
     * counts for nothing any more ({@link FactOverlay}).
     */
    record Told(Fact fact, long atMillis, long order, long goneAt) {
        static Told of(Fact fact, long order) {
            return new Told(fact, Long.MAX_VALUE, order, fact == Fact.GONE ? order : 0);
        }

        /** A later fact on the same path: a modification does not change what the consumer believes is there. */
        Told then(Told later) {
            return switch (later.fact) {
                case MODIFIED -> new Told(fact, later.atMillis, later.order, goneAt);
                case CREATED -> new Told(Fact.CREATED, later.atMillis, later.order, Math.max(goneAt, later.goneAt));
                case GONE -> later;
            };
        }

        Told takenAt(long millis) {
            return new Told(fact, millis, order, goneAt);
        }
    }

    private TreeSnapshot base;
    private final Map<Path, Told> retrieved = new HashMap<>();
    private final Map<Path, Told> queued = new HashMap<>();
    /** How many retrieved facts each path has directly under it: a deletion with facts under it must be kept. */
    private final Map<Path, Integer> retrievedChildren = new HashMap<>();
    private long events;

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
        queued.merge(relative, Told.of(fact, ++events), Told::then);
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
        List<Path> goneUnseen = new ArrayList<>();
        queued.forEach((path, told) -> {
            Told taken = told.takenAt(nowMillis);
            Told merged = retrieved.containsKey(path) ? retrieved.get(path).then(taken) : taken;
            remember(path, merged);
            if (merged.fact() == Fact.GONE && base != null && !base.contains(path)) {
                goneUnseen.add(path);
            }
        });
        queued.clear();
        // A path the scan never saw that is gone again needs no memory; this keeps the view as small as the tree.
        // Unless facts lie under it: its deletion is what voids them. Deepest first, so that a directory whose
        // entries are all forgotten is forgotten too.
        goneUnseen.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path path : goneUnseen) {
            if (!retrievedChildren.containsKey(path)) {
                forget(path);
            }
        }
    }

    private void remember(Path path, Told told) {
        if (retrieved.put(path, told) == null && path.getParent() != null) {
            retrievedChildren.merge(path.getParent(), 1, Integer::sum);
        }
    }

    private void forget(Path path) {
        if (retrieved.remove(path) != null && path.getParent() != null) {
            retrievedChildren.computeIfPresent(path.getParent(), (parent, count) -> count == 1 ? null : count - 1);
        }
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
        retrievedChildren.clear();
        queued.clear();
    }
}
