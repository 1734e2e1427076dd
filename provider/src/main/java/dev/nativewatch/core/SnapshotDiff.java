package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.WatchSpec;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How one snapshot differs from an earlier one (or from the view a consumer has), found by merging the sorted
 * children of each pair of directories, breadth first: a parent is always met before what is under it. Only
 * entries that changed get a {@code Path}.
 */
final class SnapshotDiff {

    /** A directory of each side whose children are still to be merged; -1 where a side has none there. */
    private record Pair(int before, int after, Path path) {
    }

    /** An entry found on one side: its path and its index in that side's table. */
    private record Found(Path path, int index) {
    }

    private record Modified(Path path, int changes) {
    }

    /** The pairs to report, and every path on either side that a rename accounts for. */
    private record Renames(Map<Path, Path> reported, Set<Path> from, Set<Path> to) {
        static final Renames NONE = new Renames(Map.of(), Set.of(), Set.of());
    }

    private final SnapshotTable before;
    private final SnapshotTable after;
    private final int wanted;
    private final ArrayDeque<Pair> pairs = new ArrayDeque<>();
    private final List<Found> gone = new ArrayList<>();
    private final List<Found> born = new ArrayList<>();
    private final List<Modified> modified = new ArrayList<>();

    private SnapshotDiff(SnapshotTable before, SnapshotTable after, int wanted) {
        this.before = before;
        this.after = after;
        this.wanted = wanted;
    }

    /**
     * Reports to {@code sink} how {@code after} differs from {@code before}: deletions (deepest first), renames
     * (when the spec pairs them and the file system has file keys), creations (shallowest first), then the
     * modify-class changes the spec wants.
     */
    static void report(SnapshotTable before, SnapshotTable after, WatchSpec spec, ChangeSink sink) {
        int wanted = 0;
        if (spec.wantsModifications()) {
            for (Change change : spec.changes()) {
                wanted |= AttributeColumns.bit(change);
            }
        }
        SnapshotDiff diff = new SnapshotDiff(before, after, wanted);
        diff.pairs.add(new Pair(0, 0, null));
        while (!diff.pairs.isEmpty()) {
            diff.merge(diff.pairs.poll());
        }
        diff.report(spec.pairRenames() ? diff.pairRenames() : Renames.NONE, sink);
    }

    private void merge(Pair pair) {
        int i = pair.before >= 0 ? before.firstChild(pair.before) : 0;
        int iEnd = pair.before >= 0 ? before.endOfChildren(pair.before) : 0;
        int j = pair.after >= 0 ? after.firstChild(pair.after) : 0;
        int jEnd = pair.after >= 0 ? after.endOfChildren(pair.after) : 0;
        while (i < iEnd || j < jEnd) {
            int order = i == iEnd ? 1 : j == jEnd ? -1 : before.compareNames(i, after, j);
            if (order < 0) {
                side(before, i++, -1, pair.path);
            } else if (order > 0) {
                side(after, -1, j++, pair.path);
            } else {
                both(i++, j++, pair.path);
            }
        }
    }

    /** An entry on one side only: gone or born, with everything under it. */
    private void side(SnapshotTable table, int i, int j, Path parent) {
        int index = i >= 0 ? i : j;
        Path path = table.child(parent, index);
        if (!table.is(index, SnapshotTable.GHOST)) {
            (i >= 0 ? gone : born).add(new Found(path, index));
        }
        if (table.hasChildren(index)) {
            pairs.add(new Pair(i, j, path));
        }
    }

    private void both(int i, int j, Path parent) {
        boolean ghostBefore = before.is(i, SnapshotTable.GHOST);
        boolean ghostAfter = after.is(j, SnapshotTable.GHOST);
        if (ghostBefore || ghostAfter || replaced(i, j)) {
            Path path = before.child(parent, i);
            if (!ghostBefore) {
                gone.add(new Found(path, i));
            }
            if (!ghostAfter) {
                born.add(new Found(path, j));
            }
            if (ghostBefore || ghostAfter) {
                descend(i, j, path);
            } else {
                descend(i, -1, path);
                descend(-1, j, path);
            }
            return;
        }
        Path path = null;
        int changes = wanted == 0 ? 0
                : before.attributes.differences(i, before.is(i, SnapshotTable.TOLD), after.attributes, j) & wanted;
        if (changes != 0) {
            path = before.child(parent, i);
            modified.add(new Modified(path, changes));
        }
        if (before.hasChildren(i) || after.hasChildren(j)) {
            descend(i, j, path != null ? path : before.child(parent, i));
        }
    }

    private void descend(int i, int j, Path path) {
        if ((i >= 0 && before.hasChildren(i)) || (j >= 0 && after.hasChildren(j))) {
            pairs.add(new Pair(i, j, path));
        }
    }

    /** @return whether the path now names another entry: another file, or a file turned directory */
    private boolean replaced(int i, int j) {
        if (before.is(i, SnapshotTable.TOLD)) {
            return false;
        }
        return before.is(i, SnapshotTable.DIRECTORY) != after.is(j, SnapshotTable.DIRECTORY)
                || before.attributes.keyDiffers(i, after.attributes, j);
    }

    /**
     * Renames found by file key, including the entries that merely moved along with a renamed directory and are
     * reported by it.
     */
    private Renames pairRenames() {
        Map<Object, Path> bornByKey = new HashMap<>();
        for (Found found : born) {
            Object key = after.attributes.fileKey(found.index);
            if (key != null) {
                bornByKey.put(key, found.path);
            }
        }
        Renames renames = new Renames(new LinkedHashMap<>(), new HashSet<>(), new HashSet<>());
        Map<Path, Path> movedDirectories = new HashMap<>();
        for (Found found : gone) {
            Object key = before.is(found.index, SnapshotTable.TOLD) ? null : before.attributes.fileKey(found.index);
            Path to = key == null ? null : bornByKey.remove(key);
            if (to == null) {
                continue;
            }
            Path from = found.path;
            Path parent = from.getParent();
            Path parentTarget = parent == null ? null : movedDirectories.get(parent);
            boolean movedWithParent = parentTarget != null && to.equals(parentTarget.resolve(from.getFileName()));
            if (before.is(found.index, SnapshotTable.DIRECTORY)) {
                movedDirectories.put(from, to);
            }
            if (!movedWithParent) {
                renames.reported.put(from, to);
            }
            renames.from.add(from);
            renames.to.add(to);
        }
        return renames;
    }

    private void report(Renames renames, ChangeSink sink) {
        for (int k = gone.size() - 1; k >= 0; k--) {
            Path path = gone.get(k).path;
            if (!renames.from.contains(path)) {
                sink.changed(Change.DELETED, path);
            }
        }
        renames.reported.forEach(sink::renamed);
        for (Found found : born) {
            if (!renames.to.contains(found.path)) {
                sink.changed(Change.CREATED, found.path);
            }
        }
        for (Modified change : modified) {
            Set<Change> changes = EnumSet.noneOf(Change.class);
            for (Change kind : Change.values()) {
                if ((change.changes & AttributeColumns.bit(kind)) != 0) {
                    changes.add(kind);
                }
            }
            sink.changed(changes, change.path);
        }
    }
}
